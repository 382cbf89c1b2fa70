<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>PrintPreviewDialog</name>
    <message>
        <location filename="../../../ui/printing.py" line="169"/>
        <source>Printer</source>
        <translation>打印机</translation>
    </message>
    <message>
        <location filename="../../../ui/printing.py" line="170"/>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <location filename="../../../ui/printing.py" line="171"/>
        <source>Save as PDF…</source>
        <translation>另存为 PDF…</translation>
    </message>
    <message>
        <location filename="../../../ui/printing.py" line="172"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../../ui/printing.py" line="182"/>
        <source>No printer on this PC: set one up (CUPS, or Windows&apos; printers), or save as PDF.</source>
        <translation>本机没有打印机：请先添加打印机（CUPS 或 Windows 打印机设置），或另存为 PDF。</translation>
    </message>
    <message>
        <location filename="../../../ui/printing.py" line="193"/>
        <source>Printing…</source>
        <translation>正在打印…</translation>
    </message>
    <message>
        <location filename="../../../ui/printing.py" line="212"/>
        <source>Save as PDF</source>
        <translation>另存为 PDF</translation>
    </message>
    <message>
        <location filename="../../../ui/printing.py" line="217"/>
        <source>Saved: %1</source>
        <translation>已保存：%1</translation>
    </message>
</context>
<context>
    <name>PrintQueue</name>
    <message>
        <location filename="../../../ui/printing.py" line="257"/>
        <source>Printing %1 …</source>
        <translation>正在打印 %1 …</translation>
    </message>
    <message>
        <location filename="../../../ui/printing.py" line="283"/>
        <source>Building %1 …</source>
        <translation>正在生成 %1 …</translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <location filename="../../../ui/printing.py" line="105"/>
        <source>Print timed out: printer %1 took nothing in %2 s, so nothing was printed. Check the printer and print again.</source>
        <translation>打印超时：打印机 %1 %2 秒没有接收，没有打出，请检查打印机后重打。</translation>
    </message>
    <message>
        <location filename="../../../ui/printing.py" line="108"/>
        <source>(default)</source>
        <translation>(默认)</translation>
    </message>
    <message>
        <location filename="../../../ui/printing.py" line="113"/>
        <source>Printing failed (%1): %2</source>
        <translation>打印失败（%1）：%2</translation>
    </message>
</context>
</TS>
