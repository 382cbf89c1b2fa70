<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>PrintPreviewDialog</name>
    <message>
        <location filename="../../../ui/printing.py" line="167"/>
        <source>Printer</source>
        <translation>打印机</translation>
    </message>
    <message>
        <location filename="../../../ui/printing.py" line="168"/>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <location filename="../../../ui/printing.py" line="169"/>
        <source>Save as PDF…</source>
        <translation>另存为 PDF…</translation>
    </message>
    <message>
        <location filename="../../../ui/printing.py" line="170"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../../ui/printing.py" line="180"/>
        <source>No printer on this PC: set one up (CUPS, or Windows&apos; printers), or save as PDF.</source>
        <translation>本机没有打印机：请先添加打印机（CUPS 或 Windows 打印机设置），或另存为 PDF。</translation>
    </message>
    <message>
        <location filename="../../../ui/printing.py" line="191"/>
        <source>Printing…</source>
        <translation>正在打印…</translation>
    </message>
    <message>
        <location filename="../../../ui/printing.py" line="210"/>
        <source>Save as PDF</source>
        <translation>另存为 PDF</translation>
    </message>
    <message>
        <location filename="../../../ui/printing.py" line="215"/>
        <source>Saved: %1</source>
        <translation>已保存：%1</translation>
    </message>
</context>
<context>
    <name>PrintQueue</name>
    <message>
        <location filename="../../../ui/printing.py" line="255"/>
        <source>Printing %1 …</source>
        <translation>正在打印 %1 …</translation>
    </message>
    <message>
        <location filename="../../../ui/printing.py" line="289"/>
        <source>Building %1 …</source>
        <translation>正在生成 %1 …</translation>
    </message>
</context>
</TS>
