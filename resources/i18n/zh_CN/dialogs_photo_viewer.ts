<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>PhotoViewer</name>
    <message>
        <location filename="../../../ui/dialogs/photo_viewer.py" line="25"/>
        <source>The photo file is missing.</source>
        <translation>照片文件不见了。</translation>
    </message>
    <message>
        <location filename="../../../ui/dialogs/photo_viewer.py" line="35"/>
        <source>Delete photo… (manager)</source>
        <translation>删除照片…（店长）</translation>
    </message>
    <message>
        <location filename="../../../ui/dialogs/photo_viewer.py" line="39"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../../ui/dialogs/photo_viewer.py" line="47"/>
        <source>Delete photo</source>
        <translation>删除照片</translation>
    </message>
    <message>
        <location filename="../../../ui/dialogs/photo_viewer.py" line="48"/>
        <source>Reason (kept in the audit log):</source>
        <translation>原因（记入审计日志）：</translation>
    </message>
</context>
</TS>
