<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>DeclareDialog</name>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="290"/>
        <source>Declared parcels of %1</source>
        <translation>%1 的申报快件</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="301"/>
        <source>Waybill</source>
        <translation>运单号</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="302"/>
        <source>Province</source>
        <translation>省份</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="303"/>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="304"/>
        <source>Declared weight (kg)</source>
        <translation>申报重量（公斤）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="305"/>
        <source>Declared fee (yuan)</source>
        <translation>申报运费（元）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="306"/>
        <source>Payment</source>
        <translation>付款方式</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="310"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="311"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="322"/>
        <source>Added %1.</source>
        <translation>已添加 %1。</translation>
    </message>
</context>
<context>
    <name>DispatchTab</name>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="582"/>
        <location filename="../../../ui/screens/outgoing.py" line="587"/>
        <source>Bag / route</source>
        <translation>集包号／路线</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="583"/>
        <source>scan the bag number (4…)</source>
        <translation>扫描集包号（4 开头）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="584"/>
        <source>Scan parcels out; a 4… number switches the bag</source>
        <translation>扫发件；扫 4 开头的集包号即换包</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="585"/>
        <source>Today per bag / route</source>
        <translation>今日各集包／路线</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="586"/>
        <source>Today per salesman</source>
        <translation>今日各业务员</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="588"/>
        <source>Parcels</source>
        <translation>件数</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="590"/>
        <source>Salesman</source>
        <translation>业务员</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="590"/>
        <source>Counter</source>
        <translation>柜台</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="591"/>
        <source>Dispatched</source>
        <translation>已发</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="592"/>
        <source>Received</source>
        <translation>已收</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="599"/>
        <source>Received today, not yet dispatched: %1</source>
        <translation>今日已收未发：%1 件</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="605"/>
        <source>Bag %1</source>
        <translation>集包 %1</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="606"/>
        <source>Now filling bag %1.</source>
        <translation>现在装入集包 %1。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="614"/>
        <source>%1 → %2 (%3 in this bag)</source>
        <translation>%1 → %2（本包 %3 件）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="617"/>
        <source>All of %1&apos;s parcels are dispatched.</source>
        <translation>%1 的快件已全部扫发。</translation>
    </message>
</context>
<context>
    <name>OutgoingScreen</name>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="913"/>
        <source>Send</source>
        <translation>寄件</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="913"/>
        <source>Salesman pickup</source>
        <translation>揽收</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="914"/>
        <source>Dispatch</source>
        <translation>扫发件</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="914"/>
        <source>Unsigned today</source>
        <translation>当日未签收</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="915"/>
        <source>Rates &amp;&amp; codes</source>
        <translation>价格表与大笔</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="915"/>
        <source>3-day check</source>
        <translation>三日查件</translation>
    </message>
</context>
<context>
    <name>PickupTab</name>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="393"/>
        <source>Salesman</source>
        <translation>业务员</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="394"/>
        <source>Add salesman…</source>
        <translation>添加业务员…</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="395"/>
        <source>Import collection CSV…</source>
        <translation>导入揽收清单 CSV…</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="396"/>
        <source>Enter declarations…</source>
        <translation>录入申报…</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="397"/>
        <source>Scan his parcels (scan again to weigh one)</source>
        <translation>扫描他的快件（再扫一次即可复重）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="398"/>
        <source>Checked weight (kg), Enter to save</source>
        <translation>复核重量（公斤），回车保存</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="399"/>
        <source>Write the big code on the parcel.</source>
        <translation>把大笔代码写在快件上。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="401"/>
        <source>Waybill</source>
        <translation>运单号</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="402"/>
        <source>Destination</source>
        <translation>目的地</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="403"/>
        <source>Code</source>
        <translation>大笔</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="404"/>
        <source>Declared kg</source>
        <translation>申报（公斤）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="405"/>
        <source>Checked kg</source>
        <translation>复重（公斤）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="406"/>
        <source>Difference (g)</source>
        <translation>差异（克）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="408"/>
        <source>Fee</source>
        <translation>运费</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="409"/>
        <source>Bag</source>
        <translation>集包</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="430"/>
        <location filename="../../../ui/screens/outgoing.py" line="528"/>
        <source>Add a salesman first.</source>
        <translation>请先添加业务员。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="434"/>
        <source>%1 today: received %2 of %3 declared · weighed %4 · weight differences %5 · fees ¥%6</source>
        <translation>%1 今日：申报 %3 件，已揽收 %2 件 · 已复重 %4 件 · 重量差异 %5 件 · 运费 ¥%6</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="453"/>
        <source>Weigh %1 and type its weight.</source>
        <translation>请称 %1 的重量并输入。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="464"/>
        <source>%1 is not in his declared list: enter its declaration or weigh it.</source>
        <translation>%1 不在他的申报清单里：请补录申报或过磅。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="467"/>
        <source>%1 received (%2 today).</source>
        <translation>%1 已揽收（今天第 %2 件）。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="474"/>
        <source>Scan the parcel before typing its weight.</source>
        <translation>请先扫描快件，再输入重量。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="486"/>
        <source>%1: checked %2 kg, he declared %3 kg — flagged on his sheet.</source>
        <translation>%1：复重 %2 公斤，申报 %3 公斤——已在他的清单上标出。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="491"/>
        <source>%1: %2 kg saved.</source>
        <translation>%1：%2 公斤已保存。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="497"/>
        <source>Add salesman</source>
        <translation>添加业务员</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="497"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="506"/>
        <source>Import collection CSV</source>
        <translation>导入揽收清单 CSV</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="515"/>
        <source>Imported %1 declared parcels.</source>
        <translation>已导入 %1 件申报快件。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="521"/>
        <source>Importing %1 …</source>
        <translation>正在导入 %1 …</translation>
    </message>
</context>
<context>
    <name>SendTab</name>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="175"/>
        <location filename="../../../ui/screens/outgoing.py" line="190"/>
        <source>Waybill</source>
        <translation>运单号</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="175"/>
        <location filename="../../../ui/screens/outgoing.py" line="195"/>
        <source>Sender</source>
        <translation>寄件人</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="175"/>
        <source>Sender phone</source>
        <translation>寄件人电话</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="175"/>
        <source>Recipient</source>
        <translation>收件人</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="176"/>
        <source>Recipient phone</source>
        <translation>收件人电话</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="176"/>
        <source>Province</source>
        <translation>省份</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="176"/>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="177"/>
        <source>Item type</source>
        <translation>物品类型</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="177"/>
        <location filename="../../../ui/screens/outgoing.py" line="192"/>
        <source>Weight (kg)</source>
        <translation>重量（公斤）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="177"/>
        <location filename="../../../ui/screens/outgoing.py" line="194"/>
        <source>Payment</source>
        <translation>付款方式</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="180"/>
        <source>Send a parcel at the counter</source>
        <translation>柜台寄件</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="181"/>
        <source>Sender confirmed: no prohibited items</source>
        <translation>已向寄件人确认不含违禁物品</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="182"/>
        <source>e.g. 1.25</source>
        <translation>如 1.25</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="183"/>
        <source>Record and print receipt (Ctrl+Enter)</source>
        <translation>登记并打印收据（Ctrl+Enter）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="184"/>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="185"/>
        <source>Receipt of selected</source>
        <translation>打印所选收据</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="186"/>
        <source>Show the receipt after recording</source>
        <translation>登记后显示收据</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="187"/>
        <source>Sent at the counter today</source>
        <translation>今日柜台寄件</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="189"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="191"/>
        <source>Destination</source>
        <translation>目的地</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="193"/>
        <source>Fee</source>
        <translation>运费</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="214"/>
        <location filename="../../../ui/screens/outgoing.py" line="220"/>
        <source>Fee: —</source>
        <translation>运费：—</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="215"/>
        <source>Type the weight to see the fee.</source>
        <translation>输入重量即显示运费。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="223"/>
        <source>Fee: ¥%1</source>
        <translation>运费：¥%1</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="224"/>
        <source>%1: first kg %2 + %3 kg × %4 · routing code %5</source>
        <translation>%1：首重 %2 元 + 续重 %3 公斤 × %4 元 · 大笔 %5</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="244"/>
        <source>Recorded %1: fee ¥%2 (%3).</source>
        <translation>已登记 %1：运费 ¥%2（%3）。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="265"/>
        <source>Select a sending in the list first.</source>
        <translation>请先在列表里选一件寄件。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="272"/>
        <source>Receipt</source>
        <translation>寄件收据</translation>
    </message>
</context>
<context>
    <name>TablesTab</name>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="847"/>
        <source>Rate table</source>
        <translation>寄件价格表</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="848"/>
        <source>One zone a line: zone, first kg (yuan), each additional kg (yuan), then its provinces.</source>
        <translation>每行一个区：区名 首重价（元） 续重每公斤价（元） 所含省份…</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="850"/>
        <source>Save rate table</source>
        <translation>保存价格表</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="851"/>
        <source>Routing codes (big pen)</source>
        <translation>大笔代码表</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="852"/>
        <source>One line each: province, city (- for the whole province), code.</source>
        <translation>每行一条：省份 城市 代码（整省的城市写 -）。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="854"/>
        <source>Save routing codes</source>
        <translation>保存大笔代码表</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="864"/>
        <source>Rate table saved.</source>
        <translation>价格表已保存。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="871"/>
        <source>Routing codes saved.</source>
        <translation>大笔代码表已保存。</translation>
    </message>
</context>
<context>
    <name>ThreeDayTab</name>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="723"/>
        <source>Run the 3-day check now</source>
        <translation>立即三日查件</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="724"/>
        <source>Import tracking (CSV/XLSX)…</source>
        <translation>导入物流状态（CSV/XLSX）…</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="725"/>
        <source>Export lists to text files</source>
        <translation>导出清单为文本文件</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="726"/>
        <source>Checks</source>
        <translation>查件记录</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="728"/>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="729"/>
        <source>Window</source>
        <translation>时间段</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="730"/>
        <source>Unsigned</source>
        <translation>未签收</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="731"/>
        <source>Delayed</source>
        <translation>延误</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="732"/>
        <source>Lost?</source>
        <translation>疑似遗失</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="734"/>
        <source>List</source>
        <translation>清单</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="734"/>
        <source>Delay</source>
        <translation>延误</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="735"/>
        <source>Loss</source>
        <translation>遗失</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="736"/>
        <source>Waybill</source>
        <translation>运单号</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="737"/>
        <source>Ticket</source>
        <translation>工单</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="738"/>
        <source> (earlier)</source>
        <translation>（之前已建）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="740"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="758"/>
        <source>No check has been run yet.</source>
        <translation>还没有做过三日查件。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="762"/>
        <source>Check of %1: window %2 – %3, %4 unsigned, %5 bag numbers left out</source>
        <translation>%1 查件：时间段 %2 – %3，未签收 %4 件，排除集包单号 %5 个</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="777"/>
        <source>3-day check done: %1 delayed, %2 lost?, %3 new tickets.</source>
        <translation>三日查件完成：延误 %1 件，疑似遗失 %2 件，新建工单 %3 张。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="783"/>
        <source>3-day check …</source>
        <translation>正在三日查件 …</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="789"/>
        <source>Import tracking</source>
        <translation>导入物流状态</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="798"/>
        <source>Tracking updated for %1 parcels (%2 signed).</source>
        <translation>已更新 %1 件物流状态（已签收 %2 件）。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="802"/>
        <source>Importing %1 …</source>
        <translation>正在导入 %1 …</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="808"/>
        <source>Run or select a check first.</source>
        <translation>请先查件或选择一次查件记录。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="813"/>
        <source>Writing the lists …</source>
        <translation>正在写出清单 …</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="814"/>
        <source>Lists written to %1</source>
        <translation>清单已写入 %1</translation>
    </message>
</context>
<context>
    <name>UnsignedTab</name>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="647"/>
        <source>Reload</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="648"/>
        <source>Checked the list</source>
        <translation>已查完未签收</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="650"/>
        <source>Waybill</source>
        <translation>运单号</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="651"/>
        <source>Carrier</source>
        <translation>快递公司</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="652"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="653"/>
        <source>Courier</source>
        <translation>派件员</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="654"/>
        <source>Since</source>
        <translation>起始时间</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="655"/>
        <source>Age (h)</source>
        <translation>时长（小时）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="656"/>
        <source>Recipient</source>
        <translation>收件人</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="657"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="664"/>
        <source>%1 deliveries are not signed yet.</source>
        <translation>还有 %1 件未签收。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/outgoing.py" line="671"/>
        <source>Unsigned list checked (%1 open).</source>
        <translation>未签收已查（%1 件未签收）。</translation>
    </message>
</context>
</TS>
