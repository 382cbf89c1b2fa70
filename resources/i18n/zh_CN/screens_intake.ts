<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>IntakeScreen</name>
    <message>
        <location filename="../../../ui/screens/intake.py" line="189" />
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/intake.py" line="190" />
        <source>Waybill</source>
        <translation>运单号</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/intake.py" line="191" />
        <source>Carrier</source>
        <translation>快递公司</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/intake.py" line="192" />
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/intake.py" line="193" />
        <source>Pickup code</source>
        <translation>取件码</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/intake.py" line="194" />
        <source>Recipient</source>
        <translation>收件人</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/intake.py" line="195" />
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/intake.py" line="196" />
        <source>Courier / route</source>
        <translation>派送员 / 线路</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/intake.py" line="197" />
        <source>Manifest</source>
        <translation>清单</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/intake.py" line="197" />
        <source>yes</source>
        <translation>有</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/intake.py" line="357" />
        <source>not in manifest</source>
        <translation>清单中没有</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/intake.py" line="199" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/intake.py" line="198" />
        <source>no</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/intake.py" line="203" />
        <source>Self-pickup</source>
        <translation>自取</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/intake.py" line="203" />
        <source>Delivery</source>
        <translation>派送</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/intake.py" line="204" />
        <source>Township</source>
        <translation>乡镇</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/intake.py" line="204" />
        <source>Problem</source>
        <translation>问题件</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/intake.py" line="208" />
        <source>Category:</source>
        <translation>类别：</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/intake.py" line="211" />
        <source>Bare numbers as:</source>
        <translation>纯数字单号按：</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/intake.py" line="212" />
        <source>Scan a waybill (Enter or Tab ends it)</source>
        <translation>扫描运单号（回车或 Tab 结束）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/intake.py" line="213" />
        <source>Today's arrivals, newest first</source>
        <translation>今日到件（最新在上）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/intake.py" line="214" />
        <source>Import manifest…</source>
        <translation>导入到件清单…</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/intake.py" line="215" />
        <source>Reprint label (Alt+P)</source>
        <translation>补打标签 (Alt+P)</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/intake.py" line="216" />
        <source>Next carrier (Alt+C)</source>
        <translation>换快递公司 (Alt+C)</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/intake.py" line="217" />
        <source>Alt+C changes the carrier of the selected (or last) parcel</source>
        <translation>Alt+C：更换选中（或最新）包裹的快递公司</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/intake.py" line="220" />
        <location filename="../../../ui/screens/intake.py" line="242" />
        <source>Automatic</source>
        <translation>自动识别</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/intake.py" line="345" />
        <source>Not taken in — rejected: %1, duplicates: %2</source>
        <translation>未入库 — 拒收：%1，重复：%2</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/intake.py" line="353" />
        <source>could also be: %1</source>
        <translation>也可能是：%1</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/intake.py" line="388" />
        <source>Today: %1 parcels · self-pickup %2 · delivery %3 · township %4 · problem %5 · not in manifest %6</source>
        <translation>今日到件 %1 件 · 自取 %2 · 派送 %3 · 乡镇 %4 · 问题 %5 · 清单中没有 %6</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/intake.py" line="394" />
        <source>Print today's labels (%1)</source>
        <translation>打印今日标签（%1）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/intake.py" line="414" />
        <source>%1 can only be %2.</source>
        <translation>%1 只能是%2的单号。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/intake.py" line="429" />
        <source>%1 is now %2 (Alt+C again for the next one)</source>
        <translation>%1 已改为%2（再按 Alt+C 换下一个）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/intake.py" line="448" />
        <source>%1 has no pickup code: no label.</source>
        <translation>%1 没有取件码，不打标签。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/intake.py" line="453" />
        <source>Pickup-code label</source>
        <translation>取件码标签</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/intake.py" line="467" />
        <source>Pickup-code labels: %1</source>
        <translation>取件码标签：%1 张</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/intake.py" line="481" />
        <source>no label printer chosen: use batch printing</source>
        <translation>未选择标签打印机：请批量打印</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/intake.py" line="490" />
        <source>Label %1 not printed: %2</source>
        <translation>标签 %1 没有打印：%2</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/intake.py" line="498" />
        <source>Import arrival manifest</source>
        <translation>导入到件清单</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/intake.py" line="499" />
        <source>Manifests (*.csv *.xlsx *.txt)</source>
        <translation>到件清单 (*.csv *.xlsx *.txt)</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/intake.py" line="508" />
        <source>Importing %1 …</source>
        <translation>正在导入 %1 …</translation>
    </message>
</context>
</TS>