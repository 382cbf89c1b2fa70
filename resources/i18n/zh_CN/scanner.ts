<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ScanRouter</name>
    <message>
        <location filename="../../../ui/scanner.py" line="143"/>
        <source>a backup is being restored</source>
        <translation>正在恢复备份</translation>
    </message>
    <message>
        <location filename="../../../ui/scanner.py" line="146"/>
        <source>log in first</source>
        <translation>请先登录</translation>
    </message>
    <message>
        <location filename="../../../ui/scanner.py" line="151"/>
        <source>this screen takes no scans (F2 intake, F3 pickup …)</source>
        <translation>本页不收扫描（到件入库按 F2，取件按 F3 …）</translation>
    </message>
    <message>
        <location filename="../../../ui/scanner.py" line="158"/>
        <source>Scan %1 not taken: %2.</source>
        <translation>扫描 %1 未收下：%2。</translation>
    </message>
</context>
</TS>
