<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../../ui/app.py" line="55"/>
        <source>Set up this outlet</source>
        <translation>初始化网点</translation>
    </message>
    <message>
        <location filename="../../../ui/app.py" line="57"/>
        <source>No staff yet. Create the manager&apos;s account to start.</source>
        <translation>还没有员工。请先建立店长账号。</translation>
    </message>
    <message>
        <location filename="../../../ui/app.py" line="63"/>
        <source>Outlet name</source>
        <translation>网点名称</translation>
    </message>
    <message>
        <location filename="../../../ui/app.py" line="64"/>
        <source>Manager&apos;s name</source>
        <translation>店长姓名</translation>
    </message>
    <message>
        <location filename="../../../ui/app.py" line="65"/>
        <source>Password (6+ characters)</source>
        <translation>密码（至少 6 位）</translation>
    </message>
</context>
</TS>
