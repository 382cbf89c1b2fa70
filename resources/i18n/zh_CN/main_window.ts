<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../../ui/main_window.py" line="98"/>
        <source>Outlet Desk</source>
        <translation>网点柜台 Outlet Desk</translation>
    </message>
    <message>
        <location filename="../../../ui/main_window.py" line="101"/>
        <source>Lock (Ctrl+L)</source>
        <translation>锁屏 (Ctrl+L)</translation>
    </message>
    <message>
        <location filename="../../../ui/main_window.py" line="102"/>
        <source>Log out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <location filename="../../../ui/main_window.py" line="180"/>
        <source>manager</source>
        <translation>店长</translation>
    </message>
    <message>
        <location filename="../../../ui/main_window.py" line="180"/>
        <source>clerk</source>
        <translation>店员</translation>
    </message>
    <message>
        <location filename="../../../ui/main_window.py" line="181"/>
        <source>On duty: %1 (%2)</source>
        <translation>当班：%1（%2）</translation>
    </message>
    <message>
        <location filename="../../../ui/main_window.py" line="182"/>
        <source>Post: %1</source>
        <translation>岗位：%1</translation>
    </message>
    <message>
        <location filename="../../../ui/main_window.py" line="182"/>
        <source>not rostered</source>
        <translation>未排班</translation>
    </message>
    <message>
        <location filename="../../../ui/main_window.py" line="183"/>
        <source>Waiting to upload: %1</source>
        <translation>待上传：%1</translation>
    </message>
    <message>
        <location filename="../../../ui/main_window.py" line="185"/>
        <source>rejected: %1</source>
        <translation>被退回：%1</translation>
    </message>
</context>
</TS>
