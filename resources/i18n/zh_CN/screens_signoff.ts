<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>FixDialog</name>
    <message>
        <location filename="../../../ui/screens/signoff.py" line="56"/>
        <source>Fix and send again</source>
        <translation>修正后重新上传</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/signoff.py" line="58"/>
        <source>Head office refused it: %1</source>
        <translation>总部拒收原因：%1</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/signoff.py" line="69"/>
        <source>Waybill</source>
        <translation>运单号</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/signoff.py" line="70"/>
        <source>Signer type</source>
        <translation>签收人类型</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/signoff.py" line="71"/>
        <source>Signer name</source>
        <translation>签收人姓名</translation>
    </message>
</context>
<context>
    <name>SignoffScreen</name>
    <message>
        <location filename="../../../ui/screens/signoff.py" line="272"/>
        <source>Delivery out / delivered</source>
        <translation>派件 / 妥投</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/signoff.py" line="273"/>
        <source>Sign-off</source>
        <translation>签收</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/signoff.py" line="274"/>
        <location filename="../../../ui/screens/signoff.py" line="327"/>
        <location filename="../../../ui/screens/signoff.py" line="563"/>
        <source>Upload</source>
        <translation>上传</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/signoff.py" line="276"/>
        <location filename="../../../ui/screens/signoff.py" line="283"/>
        <location filename="../../../ui/screens/signoff.py" line="309"/>
        <location filename="../../../ui/screens/signoff.py" line="318"/>
        <source>Courier</source>
        <translation>派件员</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/signoff.py" line="277"/>
        <source>Route (optional)</source>
        <translation>线路（可不填）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/signoff.py" line="278"/>
        <source>Scan a waybill to hand it to the courier</source>
        <translation>扫描运单号，交给派件员</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/signoff.py" line="280"/>
        <source>Scan a waybill the courier reports delivered</source>
        <translation>扫描派件员报已妥投的运单号</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/signoff.py" line="281"/>
        <source>Mark selected delivered</source>
        <translation>所选登记妥投</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/signoff.py" line="282"/>
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/signoff.py" line="283"/>
        <location filename="../../../ui/screens/signoff.py" line="310"/>
        <source>Route</source>
        <translation>线路</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/signoff.py" line="284"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/signoff.py" line="286"/>
        <source>Signer type</source>
        <translation>签收人类型</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/signoff.py" line="287"/>
        <source>Signer name (optional)</source>
        <translation>签收人姓名（可不填）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/signoff.py" line="275"/>
        <source>Scan parcels out to a courier</source>
        <translation>扫派件：交给派件员</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/signoff.py" line="279"/>
        <source>Courier&apos;s report: delivered</source>
        <translation>派件员报妥投</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/signoff.py" line="291"/>
        <source>As recorded (counter: %1/%2)</source>
        <translation>按取件记录（%1/%2）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/signoff.py" line="298"/>
        <source>Scan each waybill to sign it off</source>
        <translation>逐件扫描运单号签收</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/signoff.py" line="299"/>
        <source>Undo sign-off</source>
        <translation>撤销签收</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/signoff.py" line="300"/>
        <source>Reverse after upload (manager)…</source>
        <translation>更正已上传的签收（店长）…</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/signoff.py" line="301"/>
        <source>Upload now</source>
        <translation>立即上传</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/signoff.py" line="302"/>
        <source>Fix and send again…</source>
        <translation>修正并重新上传…</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/signoff.py" line="303"/>
        <source>Export sign-offs of</source>
        <translation>导出签收日期</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/signoff.py" line="304"/>
        <source>Export CSV/XLSX…</source>
        <translation>导出 CSV/XLSX…</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/signoff.py" line="305"/>
        <source>Rejected by head office (fix, then send again)</source>
        <translation>总部拒收的记录（修正后重新上传）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/signoff.py" line="307"/>
        <location filename="../../../ui/screens/signoff.py" line="314"/>
        <location filename="../../../ui/screens/signoff.py" line="322"/>
        <location filename="../../../ui/screens/signoff.py" line="331"/>
        <source>Waybill</source>
        <translation>运单号</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/signoff.py" line="308"/>
        <location filename="../../../ui/screens/signoff.py" line="315"/>
        <source>Carrier</source>
        <translation>快递公司</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/signoff.py" line="311"/>
        <location filename="../../../ui/screens/signoff.py" line="320"/>
        <source>Recipient</source>
        <translation>收件人</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/signoff.py" line="312"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/signoff.py" line="316"/>
        <source>How</source>
        <translation>方式</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/signoff.py" line="316"/>
        <source>counter</source>
        <translation>柜台取件</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/signoff.py" line="317"/>
        <source>courier</source>
        <translation>派件妥投</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/signoff.py" line="319"/>
        <source>Since</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/signoff.py" line="323"/>
        <source>Signer</source>
        <translation>签收人</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/signoff.py" line="325"/>
        <source>Signed</source>
        <translation>签收时间</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/signoff.py" line="326"/>
        <source>Clerk</source>
        <translation>操作员</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/signoff.py" line="328"/>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/signoff.py" line="330"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/signoff.py" line="332"/>
        <source>Created</source>
        <translation>生成时间</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/signoff.py" line="333"/>
        <source>Reason from head office</source>
        <translation>总部拒收原因</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/signoff.py" line="365"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/signoff.py" line="390"/>
        <source>Signed today (select to undo)</source>
        <translation>今日已签收（选中可撤销）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/signoff.py" line="404"/>
        <source>Waiting for sign-off in this batch: %1</source>
        <translation>本批次待签收：%1</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/signoff.py" line="405"/>
        <source>Sign all %1 in batch</source>
        <translation>本批 %1 件全部签收</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/signoff.py" line="410"/>
        <source>Waiting: %1</source>
        <translation>待上传：%1</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/signoff.py" line="411"/>
        <source>Sent: %1</source>
        <translation>已上传：%1</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/signoff.py" line="412"/>
        <source>Rejected: %1</source>
        <translation>被拒收：%1</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/signoff.py" line="416"/>
        <source>Head office: %1</source>
        <translation>总部地址：%1</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/signoff.py" line="419"/>
        <source>Uploads run in the background every %1 s; “Upload now” sends at once.</source>
        <translation>后台每 %1 秒自动上传；按“立即上传”马上发送。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/signoff.py" line="421"/>
        <source>Automatic upload is off: press “Upload now”.</source>
        <translation>自动上传已关闭：请按“立即上传”。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/signoff.py" line="430"/>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/signoff.py" line="431"/>
        <source>Unsigned: %1 · not uploaded: %2</source>
        <translation>未签收 %1 件 · 未上传 %2 条</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/signoff.py" line="434"/>
        <source>%1 — cut-off %2 passed %3 ago: sign off and upload now!</source>
        <translation>%1 —— 已过 %2 截止 %3，请立即签收并上传！</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/signoff.py" line="438"/>
        <source>%1 — %2 left to the %3 cut-off</source>
        <translation>%1 —— 距 %3 截止还有 %2</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/signoff.py" line="443"/>
        <source>%1 — all done for the %2 cut-off</source>
        <translation>%1 —— %2 截止前的工作已完成</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/signoff.py" line="475"/>
        <source>%1 handed to %2</source>
        <translation>%1 已交给 %2 派送</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/signoff.py" line="484"/>
        <source>%1 delivered: now waiting for sign-off</source>
        <translation>%1 已妥投，等待签收</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/signoff.py" line="491"/>
        <source>Select the parcels the courier delivered.</source>
        <translation>请先选中派件员已妥投的包裹。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/signoff.py" line="497"/>
        <source>%1 parcels reported delivered</source>
        <translation>已登记妥投 %1 件</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/signoff.py" line="511"/>
        <source>%1 signed off</source>
        <translation>%1 已签收</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/signoff.py" line="522"/>
        <source>%1 parcels signed off</source>
        <translation>已签收 %1 件</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/signoff.py" line="528"/>
        <source>Select a sign-off in the list first.</source>
        <translation>请先在列表中选中一条签收记录。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/signoff.py" line="538"/>
        <source>Sign-off of %1 undone</source>
        <translation>%1 的签收已撤销</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/signoff.py" line="546"/>
        <source>Reverse sign-off</source>
        <translation>更正签收</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/signoff.py" line="547"/>
        <source>Reason (uploaded to head office):</source>
        <translation>更正原因（将上传总部）：</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/signoff.py" line="552"/>
        <source>Sign-off of %1 reversed; the correction will be uploaded</source>
        <translation>%1 的签收已更正，更正记录将上传总部</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/signoff.py" line="561"/>
        <source>Uploading to head office…</source>
        <translation>正在上传总部…</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/signoff.py" line="561"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/signoff.py" line="571"/>
        <location filename="../../../ui/screens/signoff.py" line="576"/>
        <source>Uploading…</source>
        <translation>正在上传…</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/signoff.py" line="579"/>
        <source>Uploaded %1 of %2</source>
        <translation>已上传 %1 / %2</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/signoff.py" line="596"/>
        <source>Upload stopped; %1 records wait for the next upload.</source>
        <translation>上传已停止，%1 条记录等待下次上传。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/signoff.py" line="599"/>
        <source>Upload done: %1 sent, %2 rejected, %3 waiting.</source>
        <translation>上传完成：成功 %1 条，拒收 %2 条，待上传 %3 条。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/signoff.py" line="610"/>
        <source>Select a rejected record first.</source>
        <translation>请先选中一条被拒收的记录。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/signoff.py" line="638"/>
        <source>%1 will be sent again</source>
        <translation>%1 将重新上传</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/signoff.py" line="648"/>
        <source>Export sign-offs</source>
        <translation>导出签收记录</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/signoff.py" line="649"/>
        <source>Excel (*.xlsx);;CSV (*.csv)</source>
        <translation>Excel (*.xlsx);;CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/signoff.py" line="653"/>
        <source>%1 sign-offs exported to %2</source>
        <translation>已导出 %1 条签收到 %2</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/signoff.py" line="659"/>
        <source>Exporting sign-offs …</source>
        <translation>正在导出签收记录…</translation>
    </message>
</context>
</TS>
