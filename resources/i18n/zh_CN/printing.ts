<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>PrintPreviewDialog</name>
    <message>
        <location filename="../../../ui/printing.py" line="108" />
        <source>Printer</source>
        <translation>打印机</translation>
    </message>
    <message>
        <location filename="../../../ui/printing.py" line="109" />
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <location filename="../../../ui/printing.py" line="110" />
        <source>Save as PDF…</source>
        <translation>另存为 PDF…</translation>
    </message>
    <message>
        <location filename="../../../ui/printing.py" line="111" />
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../../ui/printing.py" line="136" />
        <source>Save as PDF</source>
        <translation>另存为 PDF</translation>
    </message>
    <message>
        <location filename="../../../ui/printing.py" line="141" />
        <source>Saved: %1</source>
        <translation>已保存：%1</translation>
    </message>
</context>
</TS>