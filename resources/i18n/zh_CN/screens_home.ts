<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>HomeScreen</name>
    <message>
        <location filename="../../../ui/screens/home.py" line="34"/>
        <source>Hello, %1</source>
        <translation>您好，%1</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/home.py" line="36"/>
        <source>%1 · %2 · open %3 · today is %4</source>
        <translation>%1 · %2 · 营业 %3 · 今天 %4</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/home.py" line="41"/>
        <source>Press a function key to open a screen: F2 intake, F3 pickup, F6 sign-off before the 14:00 cut-off.</source>
        <translation>按功能键打开各页面：F2 到件入库，F3 取件出库，F6 签收上传（14:00 前完成）。</translation>
    </message>
</context>
</TS>
