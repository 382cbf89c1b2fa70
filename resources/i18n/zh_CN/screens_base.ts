<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Screens</name>
    <message>
        <location filename="../../../ui/screens/base.py" line="86"/>
        <source>Home</source>
        <extracomment>function key number (1 → F1 …); the navigation shows it and the key opens the screen navigation title, marked for translation in the &quot;Screens&quot; context only a manager sees it in the navigation (the core refuses the operations anyway) change kinds (outlet_desk.changes) that make this screen refresh</extracomment>
        <translation>首页</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/base.py" line="87"/>
        <source>Intake</source>
        <translation>到件入库</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/base.py" line="88"/>
        <source>Pickup</source>
        <translation>取件出库</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/base.py" line="89"/>
        <source>Problem parcels</source>
        <translation>问题件</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/base.py" line="90"/>
        <source>Returns / forwards</source>
        <translation>退件/转件</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/base.py" line="91"/>
        <source>Sign-off &amp; upload</source>
        <translation>签收上传</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/base.py" line="92"/>
        <source>Sending / pickups</source>
        <translation>寄件/揽收</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/base.py" line="93"/>
        <source>Tickets</source>
        <translation>工单</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/base.py" line="94"/>
        <source>Shifts</source>
        <translation>排班</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/base.py" line="95"/>
        <source>Day close</source>
        <translation>日结对账</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/base.py" line="96"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/base.py" line="97"/>
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
</context>
</TS>
