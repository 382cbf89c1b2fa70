<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ReturnsScreen</name>
    <message>
        <location filename="../../../ui/screens/returns.py" line="295"/>
        <source>Return</source>
        <extracomment>makes the camera; tests put a stand-in here (tests/ui/fakes.py)</extracomment>
        <translation>退件</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="295"/>
        <source>Forward</source>
        <translation>转件</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="298"/>
        <source>to dispatch</source>
        <translation>待发出</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="298"/>
        <source>dispatched</source>
        <translation>已发出</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="299"/>
        <source>received</source>
        <translation>对方已收</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="300"/>
        <source>cancelled</source>
        <translation>已撤销</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="303"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="304"/>
        <location filename="../../../ui/screens/returns.py" line="311"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="305"/>
        <location filename="../../../ui/screens/returns.py" line="312"/>
        <source>Waybill</source>
        <translation>运单号</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="306"/>
        <location filename="../../../ui/screens/returns.py" line="320"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="306"/>
        <source>returned</source>
        <translation>已退回</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="307"/>
        <source>forwarded</source>
        <translation>已转出</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="311"/>
        <location filename="../../../ui/screens/returns.py" line="496"/>
        <source> · mis-sorted</source>
        <translation>·错分</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="313"/>
        <source>Carrier</source>
        <translation>快递公司</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="314"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="315"/>
        <source>To</source>
        <translation>发往</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="316"/>
        <source>Label</source>
        <translation>红标签</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="317"/>
        <source>Photos</source>
        <translation>照片</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="318"/>
        <source>Code struck</source>
        <translation>划编码</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="321"/>
        <source>Started</source>
        <translation>开始</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="322"/>
        <source>By</source>
        <translation>经办</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="323"/>
        <source>Dispatched</source>
        <translation>发出</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="334"/>
        <source>Start &amp;&amp; checklist</source>
        <translation>开始与清单</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="335"/>
        <source>Dispatch</source>
        <translation>发出</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="336"/>
        <source>List</source>
        <translation>列表</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="337"/>
        <source>Scan a waybill: start a return/forward, or open its checklist</source>
        <translation>扫描运单号：开始退件/转件，或打开它的清单</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="338"/>
        <source>Scan the parcel&apos;s waybill above.
Every return and forward needs a red label and a photo; a mis-sorted parcel also needs our outlet code struck out. Dispatch is refused until all are done.</source>
        <translation>请在上方扫描包裹的运单号。
每件退件和转件都要贴红标签并拍照留底；错分件还要划掉本网点编码。全部完成前不能发出。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="341"/>
        <source>New return / forward</source>
        <translation>新建退件/转件</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="342"/>
        <source>Not a parcel of this outlet</source>
        <translation>不是本网点收到的包裹</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="343"/>
        <source>Customer&apos;s own parcel (Alt+O)</source>
        <translation>客户自带退件（Alt+O）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="344"/>
        <source>Mistyped: scan again</source>
        <translation>单号输错了：重新扫描</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="347"/>
        <source>Start (Ctrl+Enter)</source>
        <translation>开始（Ctrl+回车）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="348"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="349"/>
        <source>Red-label checklist</source>
        <translation>红标签清单</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="350"/>
        <source>Red label applied (Ctrl+1)</source>
        <translation>已贴红标签（Ctrl+1）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="351"/>
        <source>Take photo (Ctrl+2)</source>
        <translation>拍照（Ctrl+2）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="352"/>
        <source>Import photo file… (Ctrl+3)</source>
        <translation>导入照片文件…（Ctrl+3）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="353"/>
        <source>Outlet code struck out (Ctrl+4)</source>
        <translation>已划掉网点编码（Ctrl+4）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="354"/>
        <source>Print red label (Ctrl+P)</source>
        <translation>打印红标签（Ctrl+P）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="355"/>
        <source>Cancel this return…</source>
        <translation>撤销这件…</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="356"/>
        <source>Photos (click to enlarge)</source>
        <translation>照片（点击放大）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="357"/>
        <source>Scan returns and forwards out one after another. A parcel whose checklist is not complete is refused with what is missing.</source>
        <translation>逐件扫描发出退件和转件。清单没完成的包裹会被拒绝，并说明缺什么。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="359"/>
        <source>Scan to dispatch</source>
        <translation>扫描发出</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="360"/>
        <source>Today and open</source>
        <translation>今天的和未发出的</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="360"/>
        <source>Open (not dispatched)</source>
        <translation>未发出</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="361"/>
        <source>Dispatched, not yet received</source>
        <translation>已发出，对方未收</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="361"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="363"/>
        <source>Returns and forwards</source>
        <translation>退件和转件</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="363"/>
        <source>Returns only</source>
        <translation>只看退件</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="364"/>
        <source>Forwards only</source>
        <translation>只看转件</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="366"/>
        <source>Filter: waybill, outlet, sender</source>
        <translation>筛选：运单号、网点、寄件人</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="367"/>
        <source>Open checklist</source>
        <translation>打开清单</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="368"/>
        <source>Received by the other side</source>
        <translation>对方已收</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="369"/>
        <source>Print red labels of selected</source>
        <translation>打印所选的红标签</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="417"/>
        <source>%1 was never received here. Is it the customer&apos;s own parcel, or was the number mistyped?</source>
        <translation>%1 本网点没有收到过。是客户自带退件，还是单号输错了？</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="419"/>
        <source>Closest waybills in stock:</source>
        <translation>相近的在库单号：</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="420"/>
        <source>No similar waybill in stock.</source>
        <translation>库存里没有相近的单号。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="424"/>
        <source>It is %1</source>
        <translation>是 %1</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="447"/>
        <source>%1 was dispatched on %2.</source>
        <translation>%1 已于 %2 发出。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="482"/>
        <source>%1 started: %2. Stick the red label on, then confirm.</source>
        <translation>已开始%1：%2。请贴好红标签后确认。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="498"/>
        <source>Reason: %1</source>
        <translation>原因：%1</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="501"/>
        <source>Forward to: %1</source>
        <translation>转至：%1</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="503"/>
        <source>Sender: %1</source>
        <translation>寄件人：%1</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="505"/>
        <source>Should have gone to: %1</source>
        <translation>应发往：%1</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="506"/>
        <source>Started %1 by %2</source>
        <translation>%1 由 %2 开始</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="508"/>
        <source>Status: %1</source>
        <translation>状态：%1</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="531"/>
        <source>Dispatched %1</source>
        <translation>已于 %1 发出</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="534"/>
        <source>Checklist complete: ready to dispatch</source>
        <translation>清单已完成：可以发出</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="537"/>
        <source>Missing: %1</source>
        <translation>还缺：%1</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="538"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="551"/>
        <source>Red label applied</source>
        <translation>红标签已贴</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="553"/>
        <source>Photo of the labelled parcel</source>
        <translation>贴好红标签的包裹照片</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="554"/>
        <source>Outlet code “%1” struck out</source>
        <translation>网点编码“%1”已划掉</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="569"/>
        <source>Red label confirmed.</source>
        <translation>已确认贴好红标签。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="578"/>
        <source>Outlet code struck out: confirmed.</source>
        <translation>已确认划掉网点编码。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="586"/>
        <source>Photo kept.</source>
        <translation>照片已留底。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="596"/>
        <location filename="../../../ui/screens/returns.py" line="607"/>
        <source>%1 Import a photo file instead.</source>
        <translation>%1 请改为导入照片文件。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="612"/>
        <source>Import a photo of the labelled parcel</source>
        <translation>导入贴好红标签的包裹照片</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="647"/>
        <source>Photo deleted (recorded in the audit log).</source>
        <translation>照片已删除（已记入审计日志）。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="666"/>
        <location filename="../../../ui/screens/returns.py" line="671"/>
        <location filename="../../../ui/screens/returns.py" line="679"/>
        <source>Red label</source>
        <translation>红标签</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="668"/>
        <source>Red label printed.</source>
        <translation>红标签已打印。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="688"/>
        <source>Cancel this return</source>
        <translation>撤销这件退转件</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="689"/>
        <source>Why? (the parcel goes back to stock)</source>
        <translation>原因？（包裹回到库存）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="697"/>
        <source>Cancelled: %1 is back in stock.</source>
        <translation>已撤销：%1 回到库存。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="708"/>
        <source>%1 dispatched: %2</source>
        <translation>%1已发出：%2</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="716"/>
        <source>Ready to dispatch: %1</source>
        <translation>可以发出：%1 件</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="719"/>
        <source>Checklist not complete (refused at dispatch): %1</source>
        <translation>清单未完成（扫描发出会被拒绝）：%1 件</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="723"/>
        <source>Dispatched in this session: %1</source>
        <translation>本次已发出：%1 件</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="739"/>
        <source>Select a dispatched return or forward first.</source>
        <translation>请先选择已发出的退件或转件。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="746"/>
        <source>Recorded as received: %1</source>
        <translation>已登记对方已收：%1 件</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/returns.py" line="751"/>
        <source>Select the returns or forwards to label first.</source>
        <translation>请先选择要打印红标签的退转件。</translation>
    </message>
</context>
</TS>
