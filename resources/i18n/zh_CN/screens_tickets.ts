<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AnalysisTab</name>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="1174"/>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="1175"/>
        <source>Monthly PDF…</source>
        <translation>月报 PDF…</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="1196"/>
        <source>%1: %2 tickets · %3 closed · overdue %4 (%5) · average time to close %6 h · satisfaction %7</source>
        <translation>%1：工单 %2 张 · 已关闭 %3 · 超时 %4（%5）· 平均关闭用时 %6 小时 · 满意度 %7</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="1202"/>
        <source>Repeat customers: %1</source>
        <translation>重复客户：%1</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="1218"/>
        <source>Tickets per week by category</source>
        <translation>每周工单数（按类别）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="1245"/>
        <source>Ticket report %1</source>
        <translation>工单月报 %1</translation>
    </message>
</context>
<context>
    <name>ClaimPanel</name>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="375"/>
        <source>Open a claim</source>
        <translation>发起理赔</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="376"/>
        <source>Materials</source>
        <translation>理赔材料</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="380"/>
        <source>Attach file…</source>
        <translation>附文件…</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="381"/>
        <source>Claim number</source>
        <translation>理赔单号</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="382"/>
        <source>Amount (yuan)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="383"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="384"/>
        <source>Submit claim</source>
        <translation>提交理赔</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="385"/>
        <source>Record result…</source>
        <translation>登记结果…</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="399"/>
        <source>Claims are for damaged and lost parcels.</source>
        <translation>理赔只用于破损、丢失的包裹。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="402"/>
        <source>No claim yet.</source>
        <translation>尚未发起理赔。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="405"/>
        <source>Claim %1 · %2 · materials due %3</source>
        <translation>理赔 %1 · %2 · 材料 %3 前提交</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="408"/>
        <source>LATE</source>
        <translation>已超时</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="410"/>
        <source>result expected %1</source>
        <translation>预计 %1 前有结果</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="445"/>
        <source>Attach photo</source>
        <translation>附照片</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="446"/>
        <source>Pictures (*.jpg *.jpeg *.png *.heic *.pdf)</source>
        <translation>图片 (*.jpg *.jpeg *.png *.heic *.pdf)</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="452"/>
        <source>Cannot read the file: %1</source>
        <translation>无法读取文件：%1</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="456"/>
        <source>Photo attached.</source>
        <translation>照片已附上。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="461"/>
        <source>Claim amount</source>
        <translation>理赔金额</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="469"/>
        <source>Claim saved.</source>
        <translation>理赔已保存。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="476"/>
        <source>Claim submitted.</source>
        <translation>理赔已提交。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="485"/>
        <location filename="../../../ui/screens/tickets.py" line="491"/>
        <location filename="../../../ui/screens/tickets.py" line="494"/>
        <source>Claim result</source>
        <translation>理赔结果</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="485"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="491"/>
        <source>Amount paid (yuan)</source>
        <translation>赔付金额（元）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="494"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="499"/>
        <source>Amount paid</source>
        <translation>赔付金额</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="502"/>
        <source>Claim result recorded.</source>
        <translation>理赔结果已登记。</translation>
    </message>
</context>
<context>
    <name>EOrdersTab</name>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="1012"/>
        <source>Order</source>
        <translation>订单号</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="1013"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="1014"/>
        <source>Countdown</source>
        <translation>倒计时</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="1015"/>
        <source>Arrived</source>
        <translation>到达</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="1016"/>
        <source>Accept by</source>
        <translation>接单时限</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="1017"/>
        <source>Collect by</source>
        <translation>揽收时限</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="1018"/>
        <location filename="../../../ui/screens/tickets.py" line="1026"/>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="1019"/>
        <location filename="../../../ui/screens/tickets.py" line="1027"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="1020"/>
        <source>Waybill</source>
        <translation>运单号</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="1021"/>
        <location filename="../../../ui/screens/tickets.py" line="1029"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="1025"/>
        <source>Order number</source>
        <translation>订单号</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="1028"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="1030"/>
        <source>Enter order</source>
        <translation>登记订单</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="1031"/>
        <source>Import CSV…</source>
        <translation>导入 CSV…</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="1032"/>
        <source>Accept</source>
        <translation>接单</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="1033"/>
        <source>Scan the waybill of the collected parcel</source>
        <translation>扫描揽收件的运单号</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="1034"/>
        <source>Collected</source>
        <translation>已揽收</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="1056"/>
        <source>%1 order(s) close to the limit</source>
        <translation>%1 张订单快到时限</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="1080"/>
        <source>Order %1 entered: accept by %2.</source>
        <translation>订单 %1 已登记：%2 前接单。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="1088"/>
        <location filename="../../../ui/screens/tickets.py" line="1101"/>
        <source>Select an order first.</source>
        <translation>请先选中一张订单。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="1093"/>
        <source>Order %1 accepted: collect by %2.</source>
        <translation>订单 %1 已接单：%2 前揽收。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="1108"/>
        <source>linked to the outgoing parcel</source>
        <translation>已关联寄件记录</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="1109"/>
        <source>waybill kept; links when the outgoing parcel is entered</source>
        <translation>已记下运单号，录入寄件后自动关联</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="1110"/>
        <source>Order %1 collected: %2 (%3).</source>
        <translation>订单 %1 已揽收：%2（%3）。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="1116"/>
        <source>Import e-orders</source>
        <translation>导入电子接单</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="1116"/>
        <source>CSV (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="1121"/>
        <source>Importing %1 …</source>
        <translation>正在导入 %1 …</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="1126"/>
        <source>%1 e-orders imported, %2 already registered.</source>
        <translation>已导入 %1 张电子接单，%2 张已登记过。</translation>
    </message>
</context>
<context>
    <name>NewTicketDialog</name>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="110"/>
        <source>New ticket</source>
        <translation>新建工单</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="113"/>
        <source>Counter complaint</source>
        <translation>柜台投诉</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="113"/>
        <location filename="../../../ui/screens/tickets.py" line="131"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="114"/>
        <source>CRM work order</source>
        <translation>CRM 工单</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="125"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="126"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="127"/>
        <source>CRM number</source>
        <translation>CRM 单号</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="128"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="129"/>
        <source>Waybills</source>
        <translation>运单号</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="130"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="132"/>
        <source>What the customer says</source>
        <translation>客户反映</translation>
    </message>
</context>
<context>
    <name>ReplyEditor</name>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="208"/>
        <source>Template:</source>
        <translation>模板：</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="209"/>
        <source>Fill in</source>
        <translation>填入</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="210"/>
        <source>Save as template</source>
        <translation>存为模板</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="211"/>
        <source>What happened</source>
        <translation>情况</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="212"/>
        <source>Solution</source>
        <translation>方案</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="213"/>
        <source>Solved by</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="214"/>
        <source>What was found, where the parcel is now</source>
        <translation>查到了什么，包裹现在在哪里</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="215"/>
        <source>What the outlet does about it</source>
        <translation>网点怎么解决</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="216"/>
        <source>A concrete time: %1</source>
        <translation>具体时间：%1</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="218"/>
        <source>Send reply and copy (Ctrl+Enter)</source>
        <translation>保存回复并复制（Ctrl+Enter）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="219"/>
        <source>Copy (Ctrl+Shift+C)</source>
        <translation>复制（Ctrl+Shift+C）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="252"/>
        <source>Write the three parts: what happened, the solution, and a concrete time.</source>
        <translation>请写三部分：情况、方案、具体的解决时间。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="265"/>
        <source>The reply states what happened, the solution and when.</source>
        <translation>回复写明了情况、方案和解决时间。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="284"/>
        <source>Template for %1 saved.</source>
        <translation>“%1”模板已保存。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="302"/>
        <source>Reply copied: paste it into the carrier&apos;s CRM.</source>
        <translation>回复已复制：请粘贴到快递公司的 CRM 里。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="312"/>
        <source>Reply saved and copied: paste it into the carrier&apos;s CRM.</source>
        <translation>回复已保存并复制：请粘贴到快递公司的 CRM 里。</translation>
    </message>
</context>
<context>
    <name>TicketsScreen</name>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="521"/>
        <source>The import failed: %1</source>
        <translation>导入没有完成：%1</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="1278"/>
        <source>&amp;1 Tickets</source>
        <translation>&amp;1 工单</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="1279"/>
        <source>&amp;2 E-orders</source>
        <translation>&amp;2 电子接单</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="1280"/>
        <source>&amp;3 Analysis</source>
        <translation>&amp;3 分析</translation>
    </message>
</context>
<context>
    <name>TicketsTab</name>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="640"/>
        <source>#</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="641"/>
        <source>Countdown</source>
        <translation>倒计时</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="643"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="644"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="645"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="646"/>
        <location filename="../../../ui/screens/tickets.py" line="927"/>
        <location filename="../../../ui/screens/tickets.py" line="930"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="647"/>
        <source>Assignee</source>
        <translation>处理人</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="648"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="649"/>
        <source>CRM number</source>
        <translation>CRM 单号</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="653"/>
        <source>Search: waybill, CRM number, title, phone last 4 (Ctrl+F)</source>
        <translation>搜索：运单号、CRM 单号、标题、电话后四位（Ctrl+F）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="657"/>
        <source>Open</source>
        <translation>未关闭</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="658"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="666"/>
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="671"/>
        <source>Mine</source>
        <translation>我的</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="672"/>
        <source>Overdue only</source>
        <translation>只看超时</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="673"/>
        <source>New ticket (Ctrl+N)</source>
        <translation>新建工单（Ctrl+N）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="674"/>
        <source>Import CRM file…</source>
        <translation>导入 CRM 文件…</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="675"/>
        <source>Start</source>
        <translation>开始处理</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="676"/>
        <source>Customer…</source>
        <translation>客户信息…</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="677"/>
        <source>Escalate…</source>
        <translation>升级…</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="678"/>
        <source>Reassign…</source>
        <translation>改派…</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="679"/>
        <source>Reply</source>
        <translation>回复</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="680"/>
        <source>Follow-up &amp;&amp; close</source>
        <translation>回访与关闭</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="681"/>
        <source>History</source>
        <translation>记录</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="682"/>
        <source>Claim</source>
        <translation>理赔</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="683"/>
        <source>Follow-up result</source>
        <translation>回访结果</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="684"/>
        <source>Record follow-up</source>
        <translation>记录回访</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="685"/>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="686"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="687"/>
        <source>Close ticket</source>
        <translation>关闭工单</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="757"/>
        <source>No ticket selected</source>
        <translation>未选择工单</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="774"/>
        <source>%1 (%2, arrived %3)</source>
        <translation>%1（%2，%3 到）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="775"/>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="778"/>
        <source>Customer: %1</source>
        <translation>客户：%1</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="780"/>
        <source>Waybills: %1</source>
        <translation>运单：%1</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="781"/>
        <source>Assignee: %1 · source: %2 · opened %3</source>
        <translation>处理人：%1 · 来源：%2 · 建于 %3</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="785"/>
        <source>Escalated: %1</source>
        <translation>已升级：%1</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="862"/>
        <source>Ticket #%1 opened, due %2.</source>
        <translation>工单 #%1 已建立，%2 前处理。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="873"/>
        <source>Import CRM work orders</source>
        <translation>导入 CRM 工单</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="874"/>
        <source>CRM export (*.csv *.xlsx)</source>
        <translation>CRM 导出文件 (*.csv *.xlsx)</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="879"/>
        <source>Importing %1 …</source>
        <translation>正在导入 %1 …</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="884"/>
        <source>%1 CRM work orders imported.</source>
        <translation>已导入 %1 张 CRM 工单。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="886"/>
        <source>%1 already registered, not created twice.</source>
        <translation>%1 张已登记过，未重复建立。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="909"/>
        <source>Follow-up recorded.</source>
        <translation>回访已记录。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="917"/>
        <source>Ticket closed: %1.</source>
        <translation>工单已关闭：%1。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="927"/>
        <source>Name (leave empty to keep none)</source>
        <translation>姓名（可留空）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="930"/>
        <source>Full phone number</source>
        <translation>完整电话号码</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="934"/>
        <source>Customer data changed (recorded in the audit log).</source>
        <translation>客户信息已修改（已记入审计日志）。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="940"/>
        <location filename="../../../ui/screens/tickets.py" line="943"/>
        <source>Escalate</source>
        <translation>升级</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="940"/>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="943"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="947"/>
        <source>Ticket escalated.</source>
        <translation>工单已升级。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="954"/>
        <source>Reassign</source>
        <translation>改派</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="954"/>
        <source>Assign to</source>
        <translation>改派给</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/tickets.py" line="959"/>
        <source>Ticket reassigned to %1.</source>
        <translation>工单已改派给 %1。</translation>
    </message>
</context>
</TS>
