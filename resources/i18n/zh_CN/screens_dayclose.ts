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
        <location filename="../../../ui/screens/dayclose.py" line="422"/>
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
        <location filename="../../../ui/screens/dayclose.py" line="393"/>
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
        <location filename="../../../ui/screens/dayclose.py" line="422"/>
        <location filename="../../../ui/screens/dayclose.py" line="823"/>
        <source>Arrivals</source>
        <translation>到件</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="381"/>
        <location filename="../../../ui/screens/dayclose.py" line="422"/>
        <location filename="../../../ui/screens/dayclose.py" line="824"/>
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
        <location filename="../../../ui/screens/dayclose.py" line="389"/>
        <source>Shelf difference explained:</source>
        <translation>盘点差异说明：</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="390"/>
        <source>Needed only when the shelf count differs</source>
        <translation>盘点与结存不符时必须填写</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="391"/>
        <source>Outgoing parcels by salesman</source>
        <translation>寄件与揽收（按业务员）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="393"/>
        <source>Salesman</source>
        <translation>业务员</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="393"/>
        <source>Weighed</source>
        <translation>已复称</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="393"/>
        <source>Declared kg</source>
        <translation>申报 kg</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="394"/>
        <source>Checked kg</source>
        <translation>复称 kg</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="394"/>
        <source>Fees</source>
        <translation>运费</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="395"/>
        <source>Money by payment method (yuan)</source>
        <translation>资金（按付款方式，元）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="398"/>
        <location filename="../../../ui/screens/dayclose.py" line="431"/>
        <source>Method</source>
        <translation>方式</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="400"/>
        <source>Sending fees</source>
        <translation>寄件费</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="400"/>
        <source>COD collected</source>
        <translation>到付收款</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="400"/>
        <source>Holding fees</source>
        <translation>保管费</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="399"/>
        <source>Expected</source>
        <translation>应收</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="399"/>
        <location filename="../../../ui/screens/dayclose.py" line="423"/>
        <source>Counted</source>
        <translation>实收</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="401"/>
        <location filename="../../../ui/screens/dayclose.py" line="423"/>
        <source>Difference</source>
        <translation>差额</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="406"/>
        <source>statement</source>
        <translation>到账金额</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="404"/>
        <source>%1 difference explained:</source>
        <translation>%1差额说明：</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="394"/>
        <source>Overweight</source>
        <translation>超差件</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="398"/>
        <source>Sending</source>
        <translation>寄件费</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="398"/>
        <source>COD</source>
        <translation>到付收款</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="398"/>
        <source>Holding</source>
        <translation>保管费</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="399"/>
        <source>Diff.</source>
        <translation>差额</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="408"/>
        <source>required when there is a difference</source>
        <translation>有差额时必须填写</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="409"/>
        <source>Cash in the drawer</source>
        <translation>钱箱现金</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="410"/>
        <source>By denomination</source>
        <translation>按面额点钞</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="411"/>
        <source>As a total (yuan):</source>
        <translation>按总额（元）：</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="412"/>
        <source>Confirm and close</source>
        <translation>确认与关账</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="413"/>
        <source>Save count</source>
        <translation>保存点钞</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="414"/>
        <source>Close the day (manager)</source>
        <translation>关账（店长）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="415"/>
        <source>Second clerk:</source>
        <translation>另一位店员：</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="417"/>
        <source>Only one clerk worked: reason for closing (required)</source>
        <translation>只有一位店员当班：关账原因（必填）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="418"/>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="419"/>
        <source>Confirm with PIN</source>
        <translation>输入 PIN 确认</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="420"/>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="422"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="423"/>
        <location filename="../../../ui/screens/dayclose.py" line="825"/>
        <source>Outgoing</source>
        <translation>寄件/揽收</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="423"/>
        <source>Expected at the outlet</source>
        <translation>店内应收</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="424"/>
        <source>Adjustments</source>
        <translation>调整</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="425"/>
        <source>Adjust a closed day (manager)</source>
        <translation>调整已关账的日子（店长）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="426"/>
        <source>Closed day</source>
        <translation>已关账日</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="427"/>
        <source>± yuan</source>
        <translation>± 元</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="428"/>
        <source>Reason (required)</source>
        <translation>原因（必填）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="429"/>
        <source>Add adjustment</source>
        <translation>添加调整</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="431"/>
        <source>Corrects</source>
        <translation>更正日期</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="431"/>
        <source>Shown on</source>
        <translation>计入日期</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="431"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="432"/>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="432"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="433"/>
        <source>Parcels per day</source>
        <translation>每日件量</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="439"/>
        <source>Open</source>
        <translation>未确认</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="439"/>
        <source>Confirmed by both clerks</source>
        <translation>两位店员已确认，待店长关账</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="440"/>
        <source>Closed (locked)</source>
        <translation>已关账（锁定）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="440"/>
        <source>Not yet</source>
        <translation>未到</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="443"/>
        <source>open</source>
        <translation>未关账</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="443"/>
        <source>confirmed</source>
        <translation>已确认</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="444"/>
        <source>closed</source>
        <translation>已关账</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="448"/>
        <source>Confirm as %1</source>
        <translation>%1 确认</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="534"/>
        <source>The parcel count balances.</source>
        <translation>件数平衡。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="537"/>
        <source>The parcel count does not balance!</source>
        <translation>件数不平衡！</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="539"/>
        <source>Shelf: %1</source>
        <translation>货架：%1</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="543"/>
        <source>Signed %1, uploaded %2, reported delivered %3 · problem parcels: %4 new, %5 open</source>
        <translation>签收 %1 件，已上传 %2 件，报妥投 %3 件 · 问题件：新增 %4 件，未解决 %5 件</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="556"/>
        <source>Sent at the counter: %1</source>
        <translation>柜台寄件：%1 件</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="568"/>
        <source>float %1</source>
        <translation>备用金 %1</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="570"/>
        <source>adjustment %1</source>
        <translation>调整 %1</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="576"/>
        <source>below</source>
        <translation>见下方</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="577"/>
        <source>count below</source>
        <translation>见下方点钞</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="581"/>
        <source>not held here</source>
        <translation>不在店内</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="591"/>
        <source>Held at the outlet: expected %1, counted %2, difference %3 · %5 %4 not collected here</source>
        <translation>店内应收 %1，实收 %2，差额 %3 · %5 %4 不在店内收取</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="600"/>
        <source>nobody yet</source>
        <translation>尚无</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="601"/>
        <source>Confirmed by: %1</source>
        <translation>已确认：%1</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="603"/>
        <source>closed by %1 at %2</source>
        <translation>%1 于 %2 关账</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="631"/>
        <source>no stock check today</source>
        <translation>今日未盘点</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="633"/>
        <source>counted %1, agrees with the closing stock</source>
        <translation>盘点 %1 件，与结存一致</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="635"/>
        <source>counted %1, the ledger says %2</source>
        <translation>盘点 %1 件，账面结存 %2 件</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="638"/>
        <source>parcel statuses say %1 at the outlet</source>
        <translation>按包裹状态在店 %1 件</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="681"/>
        <source>Counted: %1 yuan</source>
        <translation>合计：%1 元</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="730"/>
        <source>Choose who confirms.</source>
        <translation>请选择由谁确认。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="768"/>
        <source>Daily report %1</source>
        <translation>日结报表 %1</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="803"/>
        <source>Expected at the outlet %1 · counted %2 · differences %3 · open days %4</source>
        <translation>店内应收 %1 · 实收 %2 · 差额 %3 · 未关账 %4 天</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/dayclose.py" line="865"/>
        <source>Adjustment saved; it shows on the ledger of %1.</source>
        <translation>调整已保存，计入 %1 的账目。</translation>
    </message>
</context>
</TS>
