<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../../ui/main_window.py" line="128"/>
        <source>Outlet Desk</source>
        <translation>网点柜台 Outlet Desk</translation>
    </message>
    <message>
        <location filename="../../../ui/main_window.py" line="131"/>
        <source>Lock (Ctrl+L)</source>
        <translation>锁屏 (Ctrl+L)</translation>
    </message>
    <message>
        <location filename="../../../ui/main_window.py" line="132"/>
        <source>Log out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <location filename="../../../ui/main_window.py" line="243"/>
        <source>Scans not taken: %1</source>
        <translation>未收下的扫描：%1</translation>
    </message>
    <message>
        <location filename="../../../ui/main_window.py" line="273"/>
        <source>manager</source>
        <translation>店长</translation>
    </message>
    <message>
        <location filename="../../../ui/main_window.py" line="273"/>
        <source>clerk</source>
        <translation>店员</translation>
    </message>
    <message>
        <location filename="../../../ui/main_window.py" line="274"/>
        <source>On duty: %1 (%2)</source>
        <translation>当班：%1（%2）</translation>
    </message>
    <message>
        <location filename="../../../ui/main_window.py" line="275"/>
        <source>Post: %1</source>
        <translation>岗位：%1</translation>
    </message>
    <message>
        <location filename="../../../ui/main_window.py" line="275"/>
        <source>not rostered</source>
        <translation>未排班</translation>
    </message>
    <message>
        <location filename="../../../ui/main_window.py" line="276"/>
        <source>Waiting to upload: %1</source>
        <translation>待上传：%1</translation>
    </message>
    <message>
        <location filename="../../../ui/main_window.py" line="278"/>
        <source>rejected: %1</source>
        <translation>被退回：%1</translation>
    </message>
    <message>
        <location filename="../../../ui/main_window.py" line="282"/>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分</translation>
    </message>
    <message>
        <location filename="../../../ui/main_window.py" line="284"/>
        <source>Unsigned/not uploaded: %1, cut-off %2 passed!</source>
        <translation>未签收/未上传 %1，已过 %2 截止！</translation>
    </message>
    <message>
        <location filename="../../../ui/main_window.py" line="287"/>
        <source>Unsigned/not uploaded: %1, cut-off %2 in %3</source>
        <translation>未签收/未上传 %1，距 %2 截止 %3</translation>
    </message>
    <message>
        <location filename="../../../ui/main_window.py" line="291"/>
        <source>Overdue tickets: %1</source>
        <translation>超时工单：%1</translation>
    </message>
    <message>
        <location filename="../../../ui/main_window.py" line="294"/>
        <source>E-orders near the limit: %1 (F8)</source>
        <translation>电子接单快到时限：%1（F8）</translation>
    </message>
    <message>
        <location filename="../../../ui/main_window.py" line="312"/>
        <source>Settings to fix: %1 (F11)</source>
        <translation>设置有误：%1 处（F11）</translation>
    </message>
    <message>
        <location filename="../../../ui/main_window.py" line="317"/>
        <source>(%1 more settings need fixing)</source>
        <translation>（另有 %1 处设置要改正）</translation>
    </message>
    <message>
        <location filename="../../../ui/main_window.py" line="331"/>
        <source>E-order %1 must be accepted by %2.</source>
        <translation>电子接单 %1 须在 %2 前接单。</translation>
    </message>
    <message>
        <location filename="../../../ui/main_window.py" line="333"/>
        <source>E-order %1 must be collected by %2.</source>
        <translation>电子接单 %1 须在 %2 前揽收。</translation>
    </message>
</context>
</TS>
