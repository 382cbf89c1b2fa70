<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../../ui/main_window.py" line="102"/>
        <source>Outlet Desk</source>
        <translation>网点柜台 Outlet Desk</translation>
    </message>
    <message>
        <location filename="../../../ui/main_window.py" line="105"/>
        <source>Lock (Ctrl+L)</source>
        <translation>锁屏 (Ctrl+L)</translation>
    </message>
    <message>
        <location filename="../../../ui/main_window.py" line="106"/>
        <source>Log out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <location filename="../../../ui/main_window.py" line="184"/>
        <source>manager</source>
        <translation>店长</translation>
    </message>
    <message>
        <location filename="../../../ui/main_window.py" line="184"/>
        <source>clerk</source>
        <translation>店员</translation>
    </message>
    <message>
        <location filename="../../../ui/main_window.py" line="185"/>
        <source>On duty: %1 (%2)</source>
        <translation>当班：%1（%2）</translation>
    </message>
    <message>
        <location filename="../../../ui/main_window.py" line="186"/>
        <source>Post: %1</source>
        <translation>岗位：%1</translation>
    </message>
    <message>
        <location filename="../../../ui/main_window.py" line="186"/>
        <source>not rostered</source>
        <translation>未排班</translation>
    </message>
    <message>
        <location filename="../../../ui/main_window.py" line="187"/>
        <source>Waiting to upload: %1</source>
        <translation>待上传：%1</translation>
    </message>
    <message>
        <location filename="../../../ui/main_window.py" line="189"/>
        <source>rejected: %1</source>
        <translation>被退回：%1</translation>
    </message>
    <message>
        <location filename="../../../ui/main_window.py" line="191"/>
        <source>Overdue tickets: %1</source>
        <translation>超时工单：%1</translation>
    </message>
    <message>
        <location filename="../../../ui/main_window.py" line="194"/>
        <source>E-orders near the limit: %1 (F8)</source>
        <translation>电子接单快到时限：%1（F8）</translation>
    </message>
    <message>
        <location filename="../../../ui/main_window.py" line="209"/>
        <source>E-order %1 must be accepted by %2.</source>
        <translation>电子接单 %1 须在 %2 前接单。</translation>
    </message>
    <message>
        <location filename="../../../ui/main_window.py" line="211"/>
        <source>E-order %1 must be collected by %2.</source>
        <translation>电子接单 %1 须在 %2 前揽收。</translation>
    </message>
</context>
</TS>
