<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>SettingEditors</name>
    <message>
        <location filename="../../../ui/widgets/setting_editors.py" line="139"/>
        <source>Not editable here yet; the value is kept.</source>
        <extracomment>What an editor&apos;s value is called in its one-line errors: (English, 中文), picked when the error is raised (the person may switch the language while the screen is open)</extracomment>
        <translation>此项暂不能在这里修改，保持原值。</translation>
    </message>
    <message>
        <location filename="../../../ui/widgets/setting_editors.py" line="259"/>
        <source>Add a time range</source>
        <translation>添加时间段</translation>
    </message>
    <message>
        <location filename="../../../ui/widgets/setting_editors.py" line="261"/>
        <location filename="../../../ui/widgets/setting_editors.py" line="268"/>
        <source>Remove this time range</source>
        <translation>删除这个时间段</translation>
    </message>
    <message>
        <location filename="../../../ui/widgets/setting_editors.py" line="326"/>
        <source>yuan</source>
        <translation>元</translation>
    </message>
    <message>
        <location filename="../../../ui/widgets/setting_editors.py" line="351"/>
        <source>Separate the items with commas.</source>
        <translation>各项之间用逗号分隔。</translation>
    </message>
    <message>
        <location filename="../../../ui/widgets/setting_editors.py" line="456"/>
        <source>Add a row</source>
        <translation>添加一行</translation>
    </message>
    <message>
        <location filename="../../../ui/widgets/setting_editors.py" line="457"/>
        <source>Remove the selected row</source>
        <translation>删除所选行</translation>
    </message>
    <message>
        <location filename="../../../ui/widgets/setting_editors.py" line="458"/>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <location filename="../../../ui/widgets/setting_editors.py" line="459"/>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
</context>
</TS>
