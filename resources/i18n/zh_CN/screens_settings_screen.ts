<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>SettingsScreen</name>
    <message>
        <location filename="../../../ui/screens/settings_screen.py" line="93"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/settings_screen.py" line="94"/>
        <source>This PC</source>
        <translation>本机</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/settings_screen.py" line="95"/>
        <source>Language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/settings_screen.py" line="102"/>
        <source>Save outlet settings</source>
        <translation>保存网点设置</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/settings_screen.py" line="103"/>
        <source>Only a manager can change the outlet&apos;s settings.</source>
        <translation>只有店长可以修改网点设置。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/settings_screen.py" line="123"/>
        <source>Nothing changed.</source>
        <translation>没有改动。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/settings_screen.py" line="126"/>
        <source>Settings saved.</source>
        <translation>设置已保存。</translation>
    </message>
</context>
</TS>
