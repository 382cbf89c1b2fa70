<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>PrintPreviewDialog</name>
    <message>
        <location filename="../../../ui/printing.py" line="165"/>
        <source>Printer</source>
        <translation>打印机</translation>
    </message>
    <message>
        <location filename="../../../ui/printing.py" line="166"/>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <location filename="../../../ui/printing.py" line="167"/>
        <source>Save as PDF…</source>
        <translation>另存为 PDF…</translation>
    </message>
    <message>
        <location filename="../../../ui/printing.py" line="168"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../../ui/printing.py" line="178"/>
        <source>No printer on this PC: set one up (CUPS, or Windows&apos; printers), or save as PDF.</source>
        <translation>本机没有打印机：请先添加打印机（CUPS 或 Windows 打印机设置），或另存为 PDF。</translation>
    </message>
    <message>
        <location filename="../../../ui/printing.py" line="189"/>
        <source>Printing…</source>
        <translation>正在打印…</translation>
    </message>
    <message>
        <location filename="../../../ui/printing.py" line="208"/>
        <source>Save as PDF</source>
        <translation>另存为 PDF</translation>
    </message>
    <message>
        <location filename="../../../ui/printing.py" line="213"/>
        <source>Saved: %1</source>
        <translation>已保存：%1</translation>
    </message>
</context>
<context>
    <name>PrintQueue</name>
    <message>
        <location filename="../../../ui/printing.py" line="253"/>
        <source>Printing %1 …</source>
        <translation>正在打印 %1 …</translation>
    </message>
    <message>
        <location filename="../../../ui/printing.py" line="279"/>
        <source>Building %1 …</source>
        <translation>正在生成 %1 …</translation>
    </message>
</context>
</TS>
