<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ProblemsScreen</name>
    <message>
        <location filename="../../../ui/screens/problems.py" line="169"/>
        <source>Age</source>
        <translation>已过时间</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/problems.py" line="170"/>
        <location filename="../../../ui/screens/problems.py" line="186"/>
        <source>Waybill</source>
        <translation>运单号</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/problems.py" line="171"/>
        <location filename="../../../ui/screens/problems.py" line="187"/>
        <source>Carrier</source>
        <translation>快递公司</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/problems.py" line="172"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/problems.py" line="173"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/problems.py" line="174"/>
        <source>Where</source>
        <translation>位置</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/problems.py" line="175"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/problems.py" line="176"/>
        <source>Registered</source>
        <translation>登记</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/problems.py" line="177"/>
        <source>Photo</source>
        <translation>照片</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/problems.py" line="178"/>
        <source>Ticket</source>
        <translation>工单</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/problems.py" line="179"/>
        <source>Outcome</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/problems.py" line="183"/>
        <source>Bucket</source>
        <translation>分段</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/problems.py" line="184"/>
        <source>Days</source>
        <translation>天数</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/problems.py" line="185"/>
        <source>Pickup code</source>
        <translation>取件码</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/problems.py" line="188"/>
        <source>Recipient</source>
        <translation>收件人</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/problems.py" line="189"/>
        <source>Arrived</source>
        <translation>到件时间</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/problems.py" line="190"/>
        <source>Deadline</source>
        <translation>保管截止</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/problems.py" line="191"/>
        <source>Notified</source>
        <translation>已通知（最近）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/problems.py" line="192"/>
        <source>Action</source>
        <translation>建议</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/problems.py" line="192"/>
        <source>return</source>
        <translation>退回</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/problems.py" line="192"/>
        <source>remind</source>
        <translation>提醒</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/problems.py" line="202"/>
        <source>Problem parcels</source>
        <translation>问题件</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/problems.py" line="203"/>
        <source>Overdue</source>
        <translation>到期件</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/problems.py" line="204"/>
        <source>Scan a parcel to register a problem</source>
        <translation>扫描包裹登记问题件</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/problems.py" line="205"/>
        <source>Note (Enter registers)</source>
        <translation>备注（回车登记）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/problems.py" line="206"/>
        <location filename="../../../ui/screens/problems.py" line="256"/>
        <source>Photo…</source>
        <translation>照片…</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/problems.py" line="207"/>
        <source>Register</source>
        <translation>登记</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/problems.py" line="208"/>
        <source>All reasons</source>
        <translation>全部原因</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/problems.py" line="209"/>
        <source>Show resolved too</source>
        <translation>也显示已处理的</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/problems.py" line="210"/>
        <source>Back to stock (Ctrl+1)</source>
        <translation>回到库存（Ctrl+1）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/problems.py" line="211"/>
        <source>To delivery (Ctrl+2)</source>
        <translation>改为派送（Ctrl+2）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/problems.py" line="212"/>
        <source>Return… (Ctrl+3)</source>
        <translation>退件…（Ctrl+3）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/problems.py" line="213"/>
        <source>Forward… (Ctrl+4)</source>
        <translation>转件…（Ctrl+4）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/problems.py" line="214"/>
        <source>Ticket to reach the sender</source>
        <translation>建工单联系寄件人</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/problems.py" line="215"/>
        <source>Remind again (Ctrl+R)</source>
        <translation>再次提醒（Ctrl+R）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/problems.py" line="216"/>
        <source>Extend by days (Ctrl+E)</source>
        <translation>延期（Ctrl+E）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/problems.py" line="217"/>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/problems.py" line="218"/>
        <source>Send to return</source>
        <translation>转为退件</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/problems.py" line="222"/>
        <location filename="../../../ui/screens/problems.py" line="255"/>
        <source>(scan a parcel)</source>
        <translation>（请扫描包裹）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/problems.py" line="265"/>
        <source>%1 is not in the system: take it in at intake first.</source>
        <translation>%1 不在系统里：请先到件入库。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/problems.py" line="280"/>
        <source>Attach a photo</source>
        <translation>附加照片</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/problems.py" line="287"/>
        <source>Photo: %1</source>
        <translation>照片：%1</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/problems.py" line="292"/>
        <source>Scan the parcel first.</source>
        <translation>请先扫描包裹。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/problems.py" line="302"/>
        <source>Problem registered: %1 %2</source>
        <translation>已登记问题件：%1 %2</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/problems.py" line="311"/>
        <source>Select a problem parcel first.</source>
        <translation>请先选择一件问题件。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/problems.py" line="320"/>
        <source>This problem is already resolved.</source>
        <translation>这件问题件已处理。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/problems.py" line="341"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/problems.py" line="372"/>
        <source>Ticket #%1 opened to reach the sender.</source>
        <translation>已建工单 #%1 联系寄件人。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/problems.py" line="376"/>
        <source>Open: %1</source>
        <translation>未处理：%1</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/problems.py" line="384"/>
        <source>All (%1)</source>
        <translation>全部（%1）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/problems.py" line="391"/>
        <source>Storage %1 days; remind from day %2, return from day %3. * = extended</source>
        <translation>保管期 %1 天；第 %2 天起再次提醒，第 %3 天起退回。* = 已延期</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/problems.py" line="400"/>
        <source>Select overdue parcels first.</source>
        <translation>请先选择到期件。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/problems.py" line="410"/>
        <source>Reminded again: %1</source>
        <translation>已再次提醒：%1 件</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/problems.py" line="421"/>
        <source>Extended until %1</source>
        <translation>已延期至 %1</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/problems.py" line="436"/>
        <source>Sent to return: %1. Label and photograph them on F5.</source>
        <translation>已转为退件：%1 件。请在 F5 贴红标签并拍照。</translation>
    </message>
</context>
</TS>
