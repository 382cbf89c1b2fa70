<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>SettingsScreen</name>
    <message>
        <location filename="../../../ui/screens/settings_screen.py" line="162"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/settings_screen.py" line="163"/>
        <source>This PC</source>
        <translation>本机</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/settings_screen.py" line="164"/>
        <source>Language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/settings_screen.py" line="165"/>
        <source>Label printer (pickup codes, red labels)</source>
        <translation>标签打印机（取件码、红标签）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/settings_screen.py" line="166"/>
        <source>Receipt printer (80 mm)</source>
        <translation>小票打印机（80 mm）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/settings_screen.py" line="167"/>
        <source>Report printer (A4)</source>
        <translation>报表打印机（A4）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/settings_screen.py" line="168"/>
        <source>Voice</source>
        <translation>语音播报</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/settings_screen.py" line="170"/>
        <source>Say the pickup code or the refusal reason after each intake scan</source>
        <translation>到件扫描后语音播报取件码，或未入库的原因</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/settings_screen.py" line="178"/>
        <source>Save outlet settings</source>
        <translation>保存网点设置</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/settings_screen.py" line="179"/>
        <source>Only a manager can change the outlet&apos;s settings.</source>
        <translation>只有店长可以修改网点设置。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/settings_screen.py" line="180"/>
        <source>Backups</source>
        <translation>备份</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/settings_screen.py" line="181"/>
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/settings_screen.py" line="182"/>
        <source>Restore selected…</source>
        <translation>恢复所选备份…</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/settings_screen.py" line="193"/>
        <source>Stored value refused, the default is used: %1</source>
        <translation>存的值不合规则，暂用默认值：%1</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/settings_screen.py" line="243"/>
        <source>Not saved: %1 settings need correcting (shown in red).</source>
        <translation>未保存：有 %1 项设置需要改正（红字标出）。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/settings_screen.py" line="247"/>
        <source>Nothing changed.</source>
        <translation>没有改动。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/settings_screen.py" line="250"/>
        <source>Settings saved.</source>
        <translation>设置已保存。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/settings_screen.py" line="298"/>
        <source>Backup taken and verified: %1</source>
        <translation>备份完成并已校验：%1</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/settings_screen.py" line="302"/>
        <source>Backing up …</source>
        <translation>正在备份 …</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/settings_screen.py" line="320"/>
        <source>Choose a backup first.</source>
        <translation>请先选择一个备份。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/settings_screen.py" line="358"/>
        <source>Everyone logs in again.</source>
        <translation>请大家重新登录。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/settings_screen.py" line="323"/>
        <source>Restore the backup of %1? The current database is kept aside.</source>
        <translation>恢复 %1 的备份？当前数据库会另存，不会删除。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/settings_screen.py" line="326"/>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/settings_screen.py" line="331"/>
        <source>Restoring the backup of %1 …</source>
        <translation>正在恢复 %1 的备份 …</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/settings_screen.py" line="355"/>
        <source>Restored. The previous database was kept as %1</source>
        <translation>已恢复。原数据库另存为 %1</translation>
    </message>
</context>
</TS>
