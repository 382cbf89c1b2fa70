<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Returns</name>
    <message>
        <location filename="../../../ui/dialogs/return_form.py" line="25"/>
        <source>Return to sender</source>
        <translation>退回寄件人（退）</translation>
    </message>
    <message>
        <location filename="../../../ui/dialogs/return_form.py" line="26"/>
        <source>Forward to another outlet</source>
        <translation>转到其他网点（转）</translation>
    </message>
    <message>
        <location filename="../../../ui/dialogs/return_form.py" line="84"/>
        <source>Waybill</source>
        <translation>运单号</translation>
    </message>
    <message>
        <location filename="../../../ui/dialogs/return_form.py" line="84"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../../ui/dialogs/return_form.py" line="84"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../../ui/dialogs/return_form.py" line="85"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../../ui/dialogs/return_form.py" line="85"/>
        <source>Destination outlet code</source>
        <translation>目的网点编码</translation>
    </message>
    <message>
        <location filename="../../../ui/dialogs/return_form.py" line="86"/>
        <source>Destination outlet name</source>
        <translation>目的网点名称</translation>
    </message>
    <message>
        <location filename="../../../ui/dialogs/return_form.py" line="86"/>
        <source>Mis-sorted</source>
        <translation>错分</translation>
    </message>
    <message>
        <location filename="../../../ui/dialogs/return_form.py" line="87"/>
        <source>Should have gone to</source>
        <translation>应发往</translation>
    </message>
    <message>
        <location filename="../../../ui/dialogs/return_form.py" line="87"/>
        <source>Sender</source>
        <translation>寄件人</translation>
    </message>
    <message>
        <location filename="../../../ui/dialogs/return_form.py" line="88"/>
        <source>Sender&apos;s phone</source>
        <translation>寄件人电话</translation>
    </message>
    <message>
        <location filename="../../../ui/dialogs/return_form.py" line="91"/>
        <source>Mis-sorted parcel: strike out our outlet code</source>
        <translation>错分件：要划掉本网点编码</translation>
    </message>
    <message>
        <location filename="../../../ui/dialogs/return_form.py" line="92"/>
        <source>required when the reason is %1</source>
        <translation>原因为“%1”时必填</translation>
    </message>
    <message>
        <location filename="../../../ui/dialogs/return_form.py" line="94"/>
        <source>when known</source>
        <translation>知道时填写</translation>
    </message>
    <message>
        <location filename="../../../ui/dialogs/return_form.py" line="144"/>
        <source>Start a return or forward</source>
        <translation>开始退件或转件</translation>
    </message>
</context>
</TS>
