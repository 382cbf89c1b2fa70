<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>IntakeScreen</name>
    <message>
        <location filename="../../../ui/screens/intake.py" line="211"/>
        <source>Time</source>
        <extracomment>a scan held as a possible bag number (可能是集包单号): the receive_parcel arguments</extracomment>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/intake.py" line="212"/>
        <source>Waybill</source>
        <translation>运单号</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/intake.py" line="213"/>
        <source>Carrier</source>
        <translation>快递公司</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/intake.py" line="214"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/intake.py" line="215"/>
        <source>Pickup code</source>
        <translation>取件码</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/intake.py" line="216"/>
        <source>Recipient</source>
        <translation>收件人</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/intake.py" line="217"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/intake.py" line="218"/>
        <source>Courier / route</source>
        <translation>派送员 / 线路</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/intake.py" line="219"/>
        <source>Manifest</source>
        <translation>清单</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/intake.py" line="219"/>
        <source>yes</source>
        <translation>有</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/intake.py" line="436"/>
        <source>could also be: %1 (Alt+C picks the next; remembered for numbers like this one)</source>
        <translation>也可能是：%1（Alt+C 换下一家，同样形状的单号会记住）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/intake.py" line="441"/>
        <source>not in manifest</source>
        <translation>清单中没有</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/intake.py" line="221"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/intake.py" line="220"/>
        <source>no</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/intake.py" line="233"/>
        <source>%1 (or %2)</source>
        <translation>%1（或 %2）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/intake.py" line="236"/>
        <source>Self-pickup</source>
        <translation>自取</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/intake.py" line="236"/>
        <source>Delivery</source>
        <translation>派送</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/intake.py" line="237"/>
        <source>Township</source>
        <translation>乡镇</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/intake.py" line="237"/>
        <source>Problem</source>
        <translation>问题件</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/intake.py" line="241"/>
        <source>Category:</source>
        <translation>类别：</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/intake.py" line="244"/>
        <source>Bare numbers as:</source>
        <translation>纯数字单号按：</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/intake.py" line="245"/>
        <source>Scan a waybill (Enter or Tab ends it)</source>
        <translation>扫描运单号（回车或 Tab 结束）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/intake.py" line="246"/>
        <source>Today&apos;s arrivals, newest first</source>
        <translation>今日到件（最新在上）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/intake.py" line="247"/>
        <source>Import manifest…</source>
        <translation>导入到件清单…</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/intake.py" line="248"/>
        <source>Reprint label (Alt+P)</source>
        <translation>补打标签 (Alt+P)</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/intake.py" line="249"/>
        <source>Next carrier (Alt+C)</source>
        <translation>换快递公司 (Alt+C)</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/intake.py" line="250"/>
        <source>Take in as a parcel (Alt+Enter)</source>
        <translation>作为包裹入库（Alt+Enter）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/intake.py" line="251"/>
        <source>Alt+C changes the carrier of the selected (or last) parcel</source>
        <translation>Alt+C：更换选中（或最新）包裹的快递公司</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/intake.py" line="254"/>
        <location filename="../../../ui/screens/intake.py" line="276"/>
        <source>Automatic</source>
        <translation>自动识别</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/intake.py" line="357"/>
        <source>Alt+Enter takes it in as a parcel; the next scan leaves it out.</source>
        <translation>按 Alt+Enter 作为包裹入库；扫下一件则不入库。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/intake.py" line="428"/>
        <source>Not taken in — rejected: %1, duplicates: %2</source>
        <translation>未入库 — 拒收：%1，重复：%2</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/intake.py" line="472"/>
        <source>Today: %1 parcels · self-pickup %2 · delivery %3 · township %4 · problem %5 · not in manifest %6</source>
        <translation>今日到件 %1 件 · 自取 %2 · 派送 %3 · 乡镇 %4 · 问题 %5 · 清单中没有 %6</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/intake.py" line="478"/>
        <source>Print today&apos;s labels (%1)</source>
        <translation>打印今日标签（%1）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/intake.py" line="498"/>
        <source>%1 can only be %2.</source>
        <translation>%1 只能是%2的单号。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/intake.py" line="513"/>
        <source>%1 is now %2 (Alt+C again for the next one)</source>
        <translation>%1 已改为%2（再按 Alt+C 换下一个）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/intake.py" line="550"/>
        <source>%1 has no pickup code: no label.</source>
        <translation>%1 没有取件码，不打标签。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/intake.py" line="554"/>
        <source>Pickup-code label</source>
        <translation>取件码标签</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/intake.py" line="563"/>
        <source>Pickup-code labels: %1</source>
        <translation>取件码标签：%1 张</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/intake.py" line="575"/>
        <source>no label printer chosen: use batch printing</source>
        <translation>未选择标签打印机：请批量打印</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/intake.py" line="584"/>
        <source>Label %1 not printed: %2</source>
        <translation>标签 %1 没有打印：%2</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/intake.py" line="592"/>
        <source>Import arrival manifest</source>
        <translation>导入到件清单</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/intake.py" line="593"/>
        <source>Manifests (*.csv *.xlsx *.txt)</source>
        <translation>到件清单 (*.csv *.xlsx *.txt)</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/intake.py" line="602"/>
        <source>Importing %1 …</source>
        <translation>正在导入 %1 …</translation>
    </message>
</context>
</TS>
