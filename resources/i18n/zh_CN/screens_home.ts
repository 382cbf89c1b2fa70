<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>HomeScreen</name>
    <message>
        <location filename="../../../ui/screens/home.py" line="162"/>
        <source>Today&apos;s duties</source>
        <translation>今日工作清单</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/home.py" line="163"/>
        <source>Needs attention</source>
        <translation>需要注意</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/home.py" line="164"/>
        <source>Handover to acknowledge (tick each item)</source>
        <translation>待签收的交接（逐项勾选）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/home.py" line="165"/>
        <source>Waiting for you</source>
        <translation>等你处理</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/home.py" line="166"/>
        <source>Notebook (do tomorrow)</source>
        <translation>本子（待办事项）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/home.py" line="167"/>
        <source>Write something to do…</source>
        <translation>写一件要做的事…</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/home.py" line="168"/>
        <source>Add</source>
        <translation>记下</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/home.py" line="169"/>
        <source>Accept / approve / seen</source>
        <translation>同意 / 批准 / 知道了</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/home.py" line="170"/>
        <source>Decline / reject</source>
        <translation>不同意 / 驳回</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/home.py" line="204"/>
        <source>Hello, %1</source>
        <translation>您好，%1</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/home.py" line="206"/>
        <source>%1 · %2 · open %3 · today is %4</source>
        <translation>%1 · %2 · 营业 %3 · 今天 %4</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/home.py" line="228"/>
        <source>Manager: approvals and flags are below.</source>
        <translation>店长：待批事项和提醒见下方。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/home.py" line="232"/>
        <source>You are not on duty today.</source>
        <translation>你今天不上班。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/home.py" line="235"/>
        <source>Today you work %1: %2</source>
        <translation>今天你上 %1：%2</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/home.py" line="239"/>
        <source>clocked in %1</source>
        <translation>%1 已打卡</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/home.py" line="241"/>
        <source>(late %1 min)</source>
        <translation>（迟到 %1 分钟）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/home.py" line="255"/>
        <source>(ticked by the app %1)</source>
        <translation>（系统自动勾选 %1）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/home.py" line="257"/>
        <source>after the deadline</source>
        <translation>已超过时限</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/home.py" line="265"/>
        <source>(%1 %2)</source>
        <translation>（%1 %2）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/home.py" line="269"/>
        <source>(overdue)</source>
        <translation>（已过时间）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/home.py" line="274"/>
        <source>No duties: you are not on the roster today.</source>
        <translation>今天没有你的班，没有工作清单。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/home.py" line="277"/>
        <source>%1 of %2 done. Green ticks were seen by the app itself.</source>
        <translation>已完成 %1 / %2 项。绿色勾是系统根据实际操作自动勾上的。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/home.py" line="290"/>
        <source>%1 did not clock out on %2.</source>
        <translation>%1 %2 没有打下班卡。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/home.py" line="294"/>
        <source>%1: %2 duties not done: %3</source>
        <translation>%1：%2 项工作没做：%3</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/home.py" line="302"/>
        <source>Roster %1 is not published yet.</source>
        <translation>%1 的排班还没发布。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/home.py" line="307"/>
        <source>You did not clock out on %1.</source>
        <translation>你 %1 没有打下班卡。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/home.py" line="309"/>
        <source>Your swap for %1: %2</source>
        <translation>你 %1 的调班：%2</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/home.py" line="309"/>
        <source>Your leave from %1: %2</source>
        <translation>你 %1 起的请假：%2</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/home.py" line="364"/>
        <source>shift handover</source>
        <translation>交班</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/home.py" line="366"/>
        <source>(no note)</source>
        <translation>（没有说明）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/home.py" line="365"/>
        <source>%1 → you (%2): %3</source>
        <translation>%1 → 你（%2）：%3</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/home.py" line="171"/>
        <source>More items to hand over, separated by ;</source>
        <translation>其他要交接的事，用“；”隔开</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/home.py" line="383"/>
        <source>Received the note</source>
        <translation>已看到交接说明</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/home.py" line="406"/>
        <source>Swap to approve: %1 and %2 exchange %3</source>
        <translation>待批调班：%1 和 %2 对调 %3</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/home.py" line="409"/>
        <source>%1 asks to swap %2 with you</source>
        <translation>%1 想和你对调 %2 的班</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/home.py" line="418"/>
        <source>Leave to approve: %1 %2 %3</source>
        <translation>待批请假：%1 %2 %3</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/home.py" line="421"/>
        <source>%1 asks for %2 on %3</source>
        <translation>%1 申请 %3 %2</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/home.py" line="442"/>
        <source>(both)</source>
        <translation>（两人）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/home.py" line="449"/>
        <source>(carried forward)</source>
        <translation>（顺延）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/home.py" line="464"/>
        <source>Write your handover before your leave</source>
        <translation>休假前写好交接</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/home.py" line="465"/>
        <source>nothing open</source>
        <translation>没有未完成的事</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/home.py" line="466"/>
        <source>Your leave (%1) starts %2. Gathered for %3: %4</source>
        <translation>你的请假（%1）%2 开始。已为 %3 汇总：%4</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/home.py" line="468"/>
        <source>your colleague</source>
        <translation>同事</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/home.py" line="470"/>
        <source>Submit handover</source>
        <translation>提交交接</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/home.py" line="472"/>
        <source>Hand over your shift</source>
        <translation>交班</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/home.py" line="473"/>
        <source>Leaving? Your open items and this note go to the arriving colleague&apos;s start screen.</source>
        <translation>要下班了？你未完成的事和这段说明会出现在接班同事的首页上。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/home.py" line="475"/>
        <source>Hand over my shift</source>
        <translation>交班</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/home.py" line="476"/>
        <source>Note for your colleague</source>
        <translation>给同事的说明</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/home.py" line="492"/>
        <source>Crossed off the notebook.</source>
        <translation>本子上这件事已完成。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/home.py" line="507"/>
        <source>Handover from %1 received.</source>
        <translation>已签收 %1 的交接。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/home.py" line="517"/>
        <source>Written in the notebook.</source>
        <translation>已记到本子上。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/home.py" line="525"/>
        <source>Select a request first.</source>
        <translation>请先选中一条申请。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/home.py" line="534"/>
        <source>Swap answered.</source>
        <translation>调班已处理。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/home.py" line="537"/>
        <source>Leave decided.</source>
        <translation>请假已处理。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/home.py" line="540"/>
        <source>Talk to your colleague or the manager if this leave does not suit you.</source>
        <translation>如果这次请假对你不方便，请直接和同事或店长商量。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/home.py" line="544"/>
        <source>Noted.</source>
        <translation>已知晓。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/home.py" line="555"/>
        <source>Handover written: your colleague sees it on their start screen.</source>
        <translation>交接已提交，同事会在首页看到。</translation>
    </message>
</context>
</TS>
