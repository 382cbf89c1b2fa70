<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CameraDialog</name>
    <message>
        <location filename="../../../ui/dialogs/camera_dialog.py" line="21"/>
        <source>Photo of the labelled parcel</source>
        <translation>贴好红标签的包裹照片</translation>
    </message>
    <message>
        <location filename="../../../ui/dialogs/camera_dialog.py" line="26"/>
        <source>(no live preview)</source>
        <translation>（没有实时画面）</translation>
    </message>
    <message>
        <location filename="../../../ui/dialogs/camera_dialog.py" line="31"/>
        <source>Hold the parcel with its red label in view, then press Space.</source>
        <translation>把贴好红标签的包裹放进画面，然后按空格键。</translation>
    </message>
    <message>
        <location filename="../../../ui/dialogs/camera_dialog.py" line="35"/>
        <source>Take photo (Space)</source>
        <translation>拍照（空格）</translation>
    </message>
    <message>
        <location filename="../../../ui/dialogs/camera_dialog.py" line="36"/>
        <source>Cancel (Esc)</source>
        <translation>取消（Esc）</translation>
    </message>
</context>
</TS>
