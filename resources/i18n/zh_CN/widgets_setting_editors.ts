<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>SettingEditors</name>
    <message>
        <location filename="../../../ui/widgets/setting_editors.py" line="126"/>
        <source>Not editable here yet; the value is kept.</source>
        <translation>此项暂不能在这里修改，保持原值。</translation>
    </message>
    <message>
        <location filename="../../../ui/widgets/setting_editors.py" line="246"/>
        <source>Add a time range</source>
        <translation>添加时间段</translation>
    </message>
    <message>
        <location filename="../../../ui/widgets/setting_editors.py" line="248"/>
        <location filename="../../../ui/widgets/setting_editors.py" line="255"/>
        <source>Remove this time range</source>
        <translation>删除这个时间段</translation>
    </message>
    <message>
        <location filename="../../../ui/widgets/setting_editors.py" line="312"/>
        <source>yuan</source>
        <translation>元</translation>
    </message>
    <message>
        <location filename="../../../ui/widgets/setting_editors.py" line="337"/>
        <source>Separate the items with commas.</source>
        <translation>各项之间用逗号分隔。</translation>
    </message>
    <message>
        <location filename="../../../ui/widgets/setting_editors.py" line="441"/>
        <source>Add a row</source>
        <translation>添加一行</translation>
    </message>
    <message>
        <location filename="../../../ui/widgets/setting_editors.py" line="442"/>
        <source>Remove the selected row</source>
        <translation>删除所选行</translation>
    </message>
    <message>
        <location filename="../../../ui/widgets/setting_editors.py" line="443"/>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <location filename="../../../ui/widgets/setting_editors.py" line="444"/>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
</context>
</TS>
