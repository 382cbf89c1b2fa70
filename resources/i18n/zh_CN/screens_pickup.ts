<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>NotifyTab</name>
    <message>
        <location filename="../../../ui/screens/pickup.py" line="441"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/pickup.py" line="442"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/pickup.py" line="443"/>
        <source>Parcels</source>
        <translation>件数</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/pickup.py" line="444"/>
        <source>Codes</source>
        <translation>取件码</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/pickup.py" line="445"/>
        <source>No answer</source>
        <translation>未接次数</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/pickup.py" line="446"/>
        <source>Called today</source>
        <translation>今日已拨</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/pickup.py" line="447"/>
        <source>Deadline</source>
        <translation>截止</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/pickup.py" line="451"/>
        <source>Notified (Ctrl+1)</source>
        <translation>已通知 (Ctrl+1)</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/pickup.py" line="452"/>
        <source>No answer (Ctrl+2)</source>
        <translation>无人接听 (Ctrl+2)</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/pickup.py" line="453"/>
        <source>Out of service (Ctrl+3)</source>
        <translation>停机 (Ctrl+3)</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/pickup.py" line="454"/>
        <source>Wrong number (Ctrl+4)</source>
        <translation>号码错误 (Ctrl+4)</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/pickup.py" line="457"/>
        <source>Copy message</source>
        <translation>复制话术</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/pickup.py" line="458"/>
        <source>Send SMS</source>
        <translation>发短信</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/pickup.py" line="459"/>
        <location filename="../../../ui/screens/pickup.py" line="569"/>
        <location filename="../../../ui/screens/pickup.py" line="574"/>
        <source>SMS to everyone on the list</source>
        <translation>给列表中所有人发短信</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/pickup.py" line="487"/>
        <source>SMS today: %1 sent, %2 failed</source>
        <translation>今日短信：已发 %1 条，失败 %2 条</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/pickup.py" line="491"/>
        <source>SMS is off (a manager can turn it on in Settings).</source>
        <translation>短信通知未开启（店长可在设置里开启）。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/pickup.py" line="498"/>
        <source>%1 customers to call, %2 parcels</source>
        <translation>待通知 %1 位客户，共 %2 件</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/pickup.py" line="501"/>
        <source>Everyone has been notified.</source>
        <translation>所有客户都已通知。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/pickup.py" line="521"/>
        <source>Message copied.</source>
        <translation>话术已复制。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/pickup.py" line="526"/>
        <source>Choose a customer in the list first.</source>
        <translation>请先在列表里选一位客户。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/pickup.py" line="534"/>
        <source> Today&apos;s call list is done.</source>
        <translation> 今日通知列表已全部拨打。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/pickup.py" line="549"/>
        <source>SMS sent to %1.</source>
        <translation>短信已发给 %1。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/pickup.py" line="556"/>
        <source>Sending SMS …</source>
        <translation>正在发送短信 …</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/pickup.py" line="579"/>
        <source>Sending the call list&apos;s SMS …</source>
        <translation>正在给通知名单发短信 …</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/pickup.py" line="582"/>
        <source>Stop sending</source>
        <translation>停止发送</translation>
    </message>
</context>
<context>
    <name>PickupScreen</name>
    <message>
        <location filename="../../../ui/screens/pickup.py" line="884"/>
        <source>Release (Alt+1)</source>
        <translation>取件 (Alt+1)</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/pickup.py" line="885"/>
        <source>Notify (Alt+2)</source>
        <translation>通知 (Alt+2)</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/pickup.py" line="886"/>
        <source>Stock check (Alt+3)</source>
        <translation>盘点 (Alt+3)</translation>
    </message>
</context>
<context>
    <name>ReleaseTab</name>
    <message>
        <location filename="../../../ui/screens/pickup.py" line="143"/>
        <source>Code</source>
        <translation>取件码</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/pickup.py" line="144"/>
        <source>Waybill</source>
        <translation>运单号</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/pickup.py" line="145"/>
        <source>Carrier</source>
        <translation>快递公司</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/pickup.py" line="146"/>
        <source>Shelf</source>
        <translation>货位</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/pickup.py" line="147"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/pickup.py" line="148"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/pickup.py" line="149"/>
        <source>Arrived</source>
        <translation>到件时间</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/pickup.py" line="150"/>
        <source>COD</source>
        <translation>到付</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/pickup.py" line="152"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/pickup.py" line="156"/>
        <source>Code / phone last 4 / waybill:</source>
        <translation>取件码／手机尾号／运单：</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/pickup.py" line="158"/>
        <source>Type the pickup code or phone last 4, or scan the waybill</source>
        <translation>输入取件码或手机尾号，或扫描运单</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/pickup.py" line="159"/>
        <source>Second fact:</source>
        <translation>第二项核对：</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/pickup.py" line="160"/>
        <source>phone last 4, code or name</source>
        <translation>手机尾号、取件码或姓名</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/pickup.py" line="169"/>
        <source>Release needs the pickup code and the phone&apos;s last 4 digits from the customer; a waybill scan only finds the parcel. After that, scan each parcel to select it, or release all.</source>
        <translation>出库需要客户报取件码和手机尾号；扫描运单只能找到包裹，不能核对客户。核对后逐件扫描选择，或全部出库。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/pickup.py" line="202"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/pickup.py" line="267"/>
        <source>No phone on record: ask for the recipient&apos;s name.</source>
        <translation>没有登记电话：请客户报收件人姓名。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/pickup.py" line="326"/>
        <source>Release needs two facts from the customer: pickup code and phone last 4.</source>
        <translation>出库需要客户报两项信息：取件码和手机尾号。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/pickup.py" line="163"/>
        <source>Proxy pickup</source>
        <translation>代取</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/pickup.py" line="164"/>
        <source>Collector&apos;s name</source>
        <translation>取件人姓名</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/pickup.py" line="165"/>
        <source>Clear (Esc)</source>
        <translation>清空 (Esc)</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/pickup.py" line="166"/>
        <source>Release selected (Ctrl+Shift+Enter)</source>
        <translation>出库所选 (Ctrl+Shift+Enter)</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/pickup.py" line="167"/>
        <source>Release all (Ctrl+Enter)</source>
        <translation>全部出库 (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/pickup.py" line="205"/>
        <source>Selected %1 (%2 selected)</source>
        <translation>已选 %1（共选 %2 件）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/pickup.py" line="239"/>
        <source>First enter a pickup code, phone last 4 or waybill.</source>
        <translation>请先输入取件码、手机尾号或扫描运单。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/pickup.py" line="263"/>
        <source>Ask for the phone&apos;s last 4 digits.</source>
        <translation>请客户报手机尾号。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/pickup.py" line="265"/>
        <source>Ask for the pickup code.</source>
        <translation>请客户报取件码。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/pickup.py" line="296"/>
        <source>Customer confirmed: %1 parcel(s).</source>
        <translation>客户已核对：%1 件。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/pickup.py" line="330"/>
        <source>Nothing to release: select the parcels first.</source>
        <translation>没有要出库的包裹：请先选择。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/pickup.py" line="361"/>
        <source>COD to collect: %1</source>
        <translation>应收到付：%1</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/pickup.py" line="369"/>
        <source>✓ Confirmed: %1 %2</source>
        <translation>✓ 已核对：%1 %2</translation>
    </message>
</context>
<context>
    <name>StockCheckTab</name>
    <message>
        <location filename="../../../ui/screens/pickup.py" line="664"/>
        <source>Finding</source>
        <translation>差异</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/pickup.py" line="665"/>
        <source>Waybill</source>
        <translation>运单号</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/pickup.py" line="666"/>
        <source>Code</source>
        <translation>取件码</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/pickup.py" line="667"/>
        <source>Recorded</source>
        <translation>系统货位</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/pickup.py" line="668"/>
        <source>Scanned at</source>
        <translation>扫描货位</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/pickup.py" line="669"/>
        <source>Fixed</source>
        <translation>处理</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/pickup.py" line="673"/>
        <source>Shelf:</source>
        <translation>货架：</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/pickup.py" line="674"/>
        <source>all</source>
        <translation>全店</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/pickup.py" line="675"/>
        <source>Start check</source>
        <translation>开始盘点</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/pickup.py" line="676"/>
        <source>Finish (Ctrl+Enter)</source>
        <translation>结束盘点 (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/pickup.py" line="677"/>
        <source>Abandon</source>
        <translation>放弃</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/pickup.py" line="679"/>
        <source>Scan a shelf mark (e.g. 3-2) and then every parcel on it</source>
        <translation>先扫描货架标记（如 3-2），再扫描其上的每个包裹</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/pickup.py" line="680"/>
        <source>Found it</source>
        <translation>已找到</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/pickup.py" line="681"/>
        <source>Not found → problem</source>
        <translation>未找到→问题件</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/pickup.py" line="682"/>
        <source>Record new place</source>
        <translation>改为新货位</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/pickup.py" line="683"/>
        <source>Put back</source>
        <translation>放回原位</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/pickup.py" line="684"/>
        <source>Back to stock</source>
        <translation>放回库存</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/pickup.py" line="685"/>
        <source>Taken in at F2</source>
        <translation>已在 F2 入库</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/pickup.py" line="725"/>
        <source>Checking: %1</source>
        <translation>正在盘点：%1</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/pickup.py" line="726"/>
        <location filename="../../../ui/screens/pickup.py" line="748"/>
        <source>shelf %1</source>
        <translation>货架 %1</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/pickup.py" line="727"/>
        <location filename="../../../ui/screens/pickup.py" line="749"/>
        <source>whole outlet</source>
        <translation>全店</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/pickup.py" line="730"/>
        <source>At: %1</source>
        <translation>当前：%1</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/pickup.py" line="733"/>
        <source>Expected %1 · scanned %2 · in place %3 · misplaced %4 · unexpected %5 · not yet scanned %6</source>
        <translation>应有 %1 · 已扫 %2 · 在位 %3 · 放错 %4 · 多出 %5 · 未扫 %6</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/pickup.py" line="739"/>
        <source>No check running.</source>
        <translation>没有进行中的盘点。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/pickup.py" line="746"/>
        <source>Last check %1 (%2): missing %3, unexpected %4, misplaced %5 — %6 to fix</source>
        <translation>上次盘点 %1（%2）：缺失 %3，多出 %4，放错 %5 — 待处理 %6</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/pickup.py" line="753"/>
        <source>No finished check yet.</source>
        <translation>还没有完成的盘点。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/pickup.py" line="764"/>
        <source>Stock check started: scan a shelf mark, then the parcels.</source>
        <translation>盘点已开始：先扫货架标记，再扫包裹。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/pickup.py" line="769"/>
        <source>Start a stock check first.</source>
        <translation>请先开始盘点。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/pickup.py" line="802"/>
        <source>Check finished: missing %1, unexpected %2, misplaced %3.</source>
        <translation>盘点结束：缺失 %1，多出 %2，放错 %3。</translation>
    </message>
</context>
</TS>
