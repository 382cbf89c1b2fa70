<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>SettingsScreen</name>
    <message>
        <location filename="../../../ui/screens/settings_screen.py" line="110" />
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/settings_screen.py" line="111" />
        <source>This PC</source>
        <translation>本机</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/settings_screen.py" line="112" />
        <source>Language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/settings_screen.py" line="119" />
        <source>Save outlet settings</source>
        <translation>保存网点设置</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/settings_screen.py" line="120" />
        <source>Only a manager can change the outlet's settings.</source>
        <translation>只有店长可以修改网点设置。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/settings_screen.py" line="121" />
        <source>Backups</source>
        <translation>备份</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/settings_screen.py" line="122" />
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/settings_screen.py" line="123" />
        <source>Restore selected…</source>
        <translation>恢复所选备份…</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/settings_screen.py" line="146" />
        <source>Nothing changed.</source>
        <translation>没有改动。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/settings_screen.py" line="149" />
        <source>Settings saved.</source>
        <translation>设置已保存。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/settings_screen.py" line="172" />
        <source>Backup taken and verified: %1</source>
        <translation>备份完成并已校验：%1</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/settings_screen.py" line="186" />
        <source>Choose a backup first.</source>
        <translation>请先选择一个备份。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/settings_screen.py" line="191" />
        <source>This backup cannot be restored: %1</source>
        <translation>这个备份不能恢复：%1</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/settings_screen.py" line="193" />
        <source>Restore the backup of %1? The current database is kept aside.</source>
        <translation>恢复 %1 的备份？当前数据库会另存，不会删除。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/settings_screen.py" line="196" />
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/settings_screen.py" line="208" />
        <source>Restored. The previous database was kept as %1</source>
        <translation>已恢复。原数据库另存为 %1</translation>
    </message>
</context>
</TS>