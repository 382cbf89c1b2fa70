<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>DayCloseScreen</name>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="375"/>
        <source>Reconcile the day</source>
        <translation>当日对账</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="376"/>
        <source>Accounts (manager)</source>
        <translation>账目（店长）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="377"/>
        <location filename="../../../ui/screens/dayclose.py" line="419"/>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="378"/>
        <source>Daily report…</source>
        <translation>日结报表…</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="379"/>
        <location filename="../../../ui/screens/dayclose.py" line="390"/>
        <source>Parcels</source>
        <translation>件数</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="380"/>
        <source>Opening stock</source>
        <translation>昨日结存</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="380"/>
        <location filename="../../../ui/screens/dayclose.py" line="419"/>
        <location filename="../../../ui/screens/dayclose.py" line="820"/>
        <source>Arrivals</source>
        <translation>到件</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="381"/>
        <location filename="../../../ui/screens/dayclose.py" line="419"/>
        <location filename="../../../ui/screens/dayclose.py" line="821"/>
        <source>Picked up</source>
        <translation>取件出库</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="381"/>
        <source>Out for delivery</source>
        <translation>派送</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="382"/>
        <source>Returned</source>
        <translation>退回</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="382"/>
        <source>Forwarded</source>
        <translation>转出</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="383"/>
        <source>Closing stock</source>
        <translation>今日结存</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="386"/>
        <source>Shelf difference explained:</source>
        <translation>盘点差异说明：</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="387"/>
        <source>Needed only when the shelf count differs</source>
        <translation>盘点与结存不符时必须填写</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="388"/>
        <source>Outgoing parcels by salesman</source>
        <translation>寄件与揽收（按业务员）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="390"/>
        <source>Salesman</source>
        <translation>业务员</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="390"/>
        <source>Weighed</source>
        <translation>已复称</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="390"/>
        <source>Declared kg</source>
        <translation>申报 kg</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="391"/>
        <source>Checked kg</source>
        <translation>复称 kg</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="391"/>
        <source>Fees</source>
        <translation>运费</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="392"/>
        <source>Money by payment method (yuan)</source>
        <translation>资金（按付款方式，元）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="395"/>
        <location filename="../../../ui/screens/dayclose.py" line="428"/>
        <source>Method</source>
        <translation>方式</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="397"/>
        <source>Sending fees</source>
        <translation>寄件费</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="397"/>
        <source>COD collected</source>
        <translation>到付收款</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="397"/>
        <source>Holding fees</source>
        <translation>保管费</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="396"/>
        <source>Expected</source>
        <translation>应收</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="396"/>
        <location filename="../../../ui/screens/dayclose.py" line="420"/>
        <source>Counted</source>
        <translation>实收</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="398"/>
        <location filename="../../../ui/screens/dayclose.py" line="420"/>
        <source>Difference</source>
        <translation>差额</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="403"/>
        <source>statement</source>
        <translation>到账金额</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="401"/>
        <source>%1 difference explained:</source>
        <translation>%1差额说明：</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="391"/>
        <source>Overweight</source>
        <translation>超差件</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="395"/>
        <source>Sending</source>
        <translation>寄件费</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="395"/>
        <source>COD</source>
        <translation>到付收款</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="395"/>
        <source>Holding</source>
        <translation>保管费</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="396"/>
        <source>Diff.</source>
        <translation>差额</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="405"/>
        <source>required when there is a difference</source>
        <translation>有差额时必须填写</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="406"/>
        <source>Cash in the drawer</source>
        <translation>钱箱现金</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="407"/>
        <source>By denomination</source>
        <translation>按面额点钞</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="408"/>
        <source>As a total (yuan):</source>
        <translation>按总额（元）：</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="409"/>
        <source>Confirm and close</source>
        <translation>确认与关账</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="410"/>
        <source>Save count</source>
        <translation>保存点钞</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="411"/>
        <source>Close the day (manager)</source>
        <translation>关账（店长）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="412"/>
        <source>Second clerk:</source>
        <translation>另一位店员：</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="414"/>
        <source>Only one clerk worked: reason for closing (required)</source>
        <translation>只有一位店员当班：关账原因（必填）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="415"/>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="416"/>
        <source>Confirm with PIN</source>
        <translation>输入 PIN 确认</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="417"/>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="419"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="420"/>
        <location filename="../../../ui/screens/dayclose.py" line="822"/>
        <source>Outgoing</source>
        <translation>寄件/揽收</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="420"/>
        <source>Expected at the outlet</source>
        <translation>店内应收</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="421"/>
        <source>Adjustments</source>
        <translation>调整</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="422"/>
        <source>Adjust a closed day (manager)</source>
        <translation>调整已关账的日子（店长）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="423"/>
        <source>Closed day</source>
        <translation>已关账日</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="424"/>
        <source>± yuan</source>
        <translation>± 元</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="425"/>
        <source>Reason (required)</source>
        <translation>原因（必填）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="426"/>
        <source>Add adjustment</source>
        <translation>添加调整</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="428"/>
        <source>Corrects</source>
        <translation>更正日期</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="428"/>
        <source>Shown on</source>
        <translation>计入日期</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="428"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="429"/>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="429"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="430"/>
        <source>Parcels per day</source>
        <translation>每日件量</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="436"/>
        <source>Open</source>
        <translation>未确认</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="436"/>
        <source>Confirmed by both clerks</source>
        <translation>两位店员已确认，待店长关账</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="437"/>
        <source>Closed (locked)</source>
        <translation>已关账（锁定）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="437"/>
        <source>Not yet</source>
        <translation>未到</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="440"/>
        <source>open</source>
        <translation>未关账</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="440"/>
        <source>confirmed</source>
        <translation>已确认</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="441"/>
        <source>closed</source>
        <translation>已关账</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="445"/>
        <source>Confirm as %1</source>
        <translation>%1 确认</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="531"/>
        <source>The parcel count balances.</source>
        <translation>件数平衡。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="534"/>
        <source>The parcel count does not balance!</source>
        <translation>件数不平衡！</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="536"/>
        <source>Shelf: %1</source>
        <translation>货架：%1</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="540"/>
        <source>Signed %1, uploaded %2, reported delivered %3 · problem parcels: %4 new, %5 open</source>
        <translation>签收 %1 件，已上传 %2 件，报妥投 %3 件 · 问题件：新增 %4 件，未解决 %5 件</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="553"/>
        <source>Sent at the counter: %1</source>
        <translation>柜台寄件：%1 件</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="565"/>
        <source>float %1</source>
        <translation>备用金 %1</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="567"/>
        <source>adjustment %1</source>
        <translation>调整 %1</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="573"/>
        <source>below</source>
        <translation>见下方</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="574"/>
        <source>count below</source>
        <translation>见下方点钞</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="578"/>
        <source>not held here</source>
        <translation>不在店内</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="588"/>
        <source>Held at the outlet: expected %1, counted %2, difference %3 · %5 %4 not collected here</source>
        <translation>店内应收 %1，实收 %2，差额 %3 · %5 %4 不在店内收取</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="597"/>
        <source>nobody yet</source>
        <translation>尚无</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="598"/>
        <source>Confirmed by: %1</source>
        <translation>已确认：%1</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="600"/>
        <source>closed by %1 at %2</source>
        <translation>%1 于 %2 关账</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="628"/>
        <source>no stock check today</source>
        <translation>今日未盘点</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="630"/>
        <source>counted %1, agrees with the closing stock</source>
        <translation>盘点 %1 件，与结存一致</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="632"/>
        <source>counted %1, the ledger says %2</source>
        <translation>盘点 %1 件，账面结存 %2 件</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="635"/>
        <source>parcel statuses say %1 at the outlet</source>
        <translation>按包裹状态在店 %1 件</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="678"/>
        <source>Counted: %1 yuan</source>
        <translation>合计：%1 元</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="727"/>
        <source>Choose who confirms.</source>
        <translation>请选择由谁确认。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="765"/>
        <source>Daily report %1</source>
        <translation>日结报表 %1</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="800"/>
        <source>Expected at the outlet %1 · counted %2 · differences %3 · open days %4</source>
        <translation>店内应收 %1 · 实收 %2 · 差额 %3 · 未关账 %4 天</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="862"/>
        <source>Adjustment saved; it shows on the ledger of %1.</source>
        <translation>调整已保存，计入 %1 的账目。</translation>
    </message>
</context>
</TS>
