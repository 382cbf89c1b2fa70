<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>LoginWidget</name>
    <message>
        <location filename="../../../ui/login.py" line="78"/>
        <source>Who is working? Choose your name and enter your PIN.</source>
        <translation>谁在当班？请选择您的名字并输入 PIN。</translation>
    </message>
    <message>
        <location filename="../../../ui/login.py" line="79"/>
        <source>PIN or password</source>
        <translation>PIN 或密码</translation>
    </message>
    <message>
        <location filename="../../../ui/login.py" line="80"/>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../../../ui/login.py" line="91"/>
        <source>%1  (%2)</source>
        <translation>%1&#x3000;（%2）</translation>
    </message>
    <message>
        <location filename="../../../ui/login.py" line="116"/>
        <source>Choose your name first.</source>
        <translation>请先选择您的名字。</translation>
    </message>
</context>
</TS>
