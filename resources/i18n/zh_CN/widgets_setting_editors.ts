<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>SettingEditors</name>
    <message>
        <location filename="../../../ui/widgets/setting_editors.py" line="212"/>
        <source>Add a time range</source>
        <translation>添加时间段</translation>
    </message>
    <message>
        <location filename="../../../ui/widgets/setting_editors.py" line="214"/>
        <location filename="../../../ui/widgets/setting_editors.py" line="221"/>
        <source>Remove this time range</source>
        <translation>删除这个时间段</translation>
    </message>
    <message>
        <location filename="../../../ui/widgets/setting_editors.py" line="278"/>
        <source>yuan</source>
        <translation>元</translation>
    </message>
    <message>
        <location filename="../../../ui/widgets/setting_editors.py" line="303"/>
        <source>Separate the items with commas.</source>
        <translation>各项之间用逗号分隔。</translation>
    </message>
    <message>
        <location filename="../../../ui/widgets/setting_editors.py" line="407"/>
        <source>Add a row</source>
        <translation>添加一行</translation>
    </message>
    <message>
        <location filename="../../../ui/widgets/setting_editors.py" line="408"/>
        <source>Remove the selected row</source>
        <translation>删除所选行</translation>
    </message>
    <message>
        <location filename="../../../ui/widgets/setting_editors.py" line="409"/>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <location filename="../../../ui/widgets/setting_editors.py" line="410"/>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
</context>
</TS>
