<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>SettingEditors</name>
    <message>
        <location filename="../../../ui/widgets/setting_editors.py" line="113"/>
        <source>Not editable here yet; the value is kept.</source>
        <translation>此项暂不能在这里修改，保持原值。</translation>
    </message>
    <message>
        <location filename="../../../ui/widgets/setting_editors.py" line="233"/>
        <source>Add a time range</source>
        <translation>添加时间段</translation>
    </message>
    <message>
        <location filename="../../../ui/widgets/setting_editors.py" line="235"/>
        <location filename="../../../ui/widgets/setting_editors.py" line="242"/>
        <source>Remove this time range</source>
        <translation>删除这个时间段</translation>
    </message>
    <message>
        <location filename="../../../ui/widgets/setting_editors.py" line="299"/>
        <source>yuan</source>
        <translation>元</translation>
    </message>
    <message>
        <location filename="../../../ui/widgets/setting_editors.py" line="324"/>
        <source>Separate the items with commas.</source>
        <translation>各项之间用逗号分隔。</translation>
    </message>
    <message>
        <location filename="../../../ui/widgets/setting_editors.py" line="428"/>
        <source>Add a row</source>
        <translation>添加一行</translation>
    </message>
    <message>
        <location filename="../../../ui/widgets/setting_editors.py" line="429"/>
        <source>Remove the selected row</source>
        <translation>删除所选行</translation>
    </message>
    <message>
        <location filename="../../../ui/widgets/setting_editors.py" line="430"/>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <location filename="../../../ui/widgets/setting_editors.py" line="431"/>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
</context>
</TS>
