<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Camera</name>
    <message>
        <location filename="../../../ui/camera.py" line="46"/>
        <location filename="../../../ui/camera.py" line="55"/>
        <source>No camera</source>
        <translation>没有摄像头</translation>
    </message>
</context>
<context>
    <name>QtCamera</name>
    <message>
        <location filename="../../../ui/camera.py" line="74"/>
        <source>The camera module could not be loaded (%1).</source>
        <translation>摄像头模块无法加载（%1）。</translation>
    </message>
    <message>
        <location filename="../../../ui/camera.py" line="76"/>
        <location filename="../../../ui/camera.py" line="90"/>
        <source>No camera found on this computer.</source>
        <translation>这台电脑上没有找到摄像头。</translation>
    </message>
    <message>
        <location filename="../../../ui/camera.py" line="103"/>
        <source>Camera error: %1</source>
        <translation>摄像头出错：%1</translation>
    </message>
    <message>
        <location filename="../../../ui/camera.py" line="106"/>
        <source>The photo could not be taken: %1</source>
        <translation>没拍成照片：%1</translation>
    </message>
    <message>
        <location filename="../../../ui/camera.py" line="115"/>
        <source>The camera is no longer connected.</source>
        <translation>摄像头已断开。</translation>
    </message>
    <message>
        <location filename="../../../ui/camera.py" line="119"/>
        <source>The camera is not ready.</source>
        <translation>摄像头还没打开。</translation>
    </message>
    <message>
        <location filename="../../../ui/camera.py" line="122"/>
        <source>The camera is not ready yet; press again in a moment.</source>
        <translation>摄像头还没准备好，请稍后再按。</translation>
    </message>
</context>
</TS>
