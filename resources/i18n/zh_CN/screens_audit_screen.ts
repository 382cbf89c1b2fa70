<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AuditScreen</name>
    <message>
        <location filename="../../../ui/screens/audit_screen.py" line="51"/>
        <source>#</source>
        <translation>序号</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/audit_screen.py" line="52"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/audit_screen.py" line="53"/>
        <location filename="../../../ui/screens/audit_screen.py" line="62"/>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/audit_screen.py" line="55"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/audit_screen.py" line="56"/>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/audit_screen.py" line="57"/>
        <source>Detail</source>
        <translation>详情</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/audit_screen.py" line="61"/>
        <source>Action name or code…</source>
        <translation>操作名称（如：入库）…</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/audit_screen.py" line="63"/>
        <source>Text in detail or record</source>
        <translation>详情或记录中的文字</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/audit_screen.py" line="64"/>
        <source>Filter</source>
        <translation>筛选</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/audit_screen.py" line="65"/>
        <source>Verify chain</source>
        <translation>校验哈希链</translation>
    </message>
</context>
</TS>
