<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>SettingsScreen</name>
    <message>
        <location filename="../../../ui/screens/settings_screen.py" line="122" />
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/settings_screen.py" line="123" />
        <source>This PC</source>
        <translation>本机</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/settings_screen.py" line="124" />
        <source>Language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/settings_screen.py" line="125" />
        <source>Label printer (pickup codes, red labels)</source>
        <translation>标签打印机（取件码、红标签）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/settings_screen.py" line="126" />
        <source>Receipt printer (80 mm)</source>
        <translation>小票打印机（80 mm）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/settings_screen.py" line="127" />
        <source>Report printer (A4)</source>
        <translation>报表打印机（A4）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/settings_screen.py" line="134" />
        <source>Save outlet settings</source>
        <translation>保存网点设置</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/settings_screen.py" line="135" />
        <source>Only a manager can change the outlet's settings.</source>
        <translation>只有店长可以修改网点设置。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/settings_screen.py" line="136" />
        <source>Backups</source>
        <translation>备份</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/settings_screen.py" line="137" />
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/settings_screen.py" line="138" />
        <source>Restore selected…</source>
        <translation>恢复所选备份…</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/settings_screen.py" line="162" />
        <source>Nothing changed.</source>
        <translation>没有改动。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/settings_screen.py" line="165" />
        <source>Settings saved.</source>
        <translation>设置已保存。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/settings_screen.py" line="210" />
        <source>Backup taken and verified: %1</source>
        <translation>备份完成并已校验：%1</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/settings_screen.py" line="214" />
        <source>Backing up …</source>
        <translation>正在备份 …</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/settings_screen.py" line="227" />
        <source>Choose a backup first.</source>
        <translation>请先选择一个备份。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/settings_screen.py" line="232" />
        <source>This backup cannot be restored: %1</source>
        <translation>这个备份不能恢复：%1</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/settings_screen.py" line="234" />
        <source>Restore the backup of %1? The current database is kept aside.</source>
        <translation>恢复 %1 的备份？当前数据库会另存，不会删除。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/settings_screen.py" line="237" />
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/settings_screen.py" line="249" />
        <source>Restored. The previous database was kept as %1</source>
        <translation>已恢复。原数据库另存为 %1</translation>
    </message>
</context>
</TS>