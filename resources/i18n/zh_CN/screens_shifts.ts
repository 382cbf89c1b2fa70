<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AttendanceTab</name>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="623"/>
        <source>Clock in</source>
        <translation>上班打卡</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="624"/>
        <source>Clock out</source>
        <translation>下班打卡</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="625"/>
        <source>Print month report (PDF)</source>
        <translation>打印考勤月报（PDF）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="627"/>
        <source>Clerk</source>
        <translation>店员</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="627"/>
        <source>Days worked</source>
        <translation>出勤天数</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="627"/>
        <source>Late</source>
        <translation>迟到次数</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="627"/>
        <source>Late min</source>
        <translation>迟到分钟</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="628"/>
        <source>Early</source>
        <translation>早退次数</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="628"/>
        <source>Early min</source>
        <translation>早退分钟</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="628"/>
        <source>No clock-out</source>
        <translation>漏打卡</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="628"/>
        <source>Absent</source>
        <translation>缺勤</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="630"/>
        <source>Overrides</source>
        <translation>破例</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="645"/>
        <source>Today: %1</source>
        <translation>今天：%1</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="646"/>
        <source>not rostered</source>
        <translation>没有排班</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="648"/>
        <source>in %1</source>
        <translation>上班 %1</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="650"/>
        <source>(late %1 min)</source>
        <translation>（迟到 %1 分钟）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="652"/>
        <source>out %1</source>
        <translation>下班 %1</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="654"/>
        <source>not clocked in</source>
        <translation>还没打卡</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="658"/>
        <source>%1 did not clock out on %2.</source>
        <translation>%1 %2 没有打下班卡。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="677"/>
        <source>Clocked in.</source>
        <translation>上班打卡成功。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="681"/>
        <source>Clocked out.</source>
        <translation>下班打卡成功。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="688"/>
        <source>Attendance %1</source>
        <translation>考勤 %1</translation>
    </message>
</context>
<context>
    <name>CellDelegate</name>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="132"/>
        <source>(closed)</source>
        <extracomment>one-glyph cell words of the roster grid (the grid is 30 narrow columns): (中文, English)</extracomment>
        <translation>（不营业）</translation>
    </message>
</context>
<context>
    <name>DutiesTab</name>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="748"/>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="749"/>
        <location filename="../../../ui/screens/shifts.py" line="753"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="749"/>
        <source>Post</source>
        <translation>岗位</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="749"/>
        <location filename="../../../ui/screens/shifts.py" line="753"/>
        <source>Duty</source>
        <translation>工作</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="750"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="750"/>
        <source>By / at</source>
        <translation>谁 / 何时</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="751"/>
        <source>Checklist templates (manager)</source>
        <translation>工作清单模板（店长）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="753"/>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="753"/>
        <source>Post (* = all)</source>
        <translation>岗位（* = 全部）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="754"/>
        <source>Ticks itself on</source>
        <translation>自动勾选事件</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="754"/>
        <source>Deadline (1 = yes)</source>
        <translation>截止时间（1 = 是）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="754"/>
        <source>Every n days</source>
        <translation>每几天</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="755"/>
        <source>Events: %1</source>
        <translation>可用事件：%1</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="757"/>
        <source>Add row</source>
        <translation>加一行</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="758"/>
        <source>Remove row</source>
        <translation>删除所选行</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="759"/>
        <source>Seed 004 defaults</source>
        <translation>恢复默认（制度原文）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="760"/>
        <source>Save templates</source>
        <translation>保存模板</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="763"/>
        <source>Ticked</source>
        <translation>已勾选</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="763"/>
        <source>Ticked by the app</source>
        <translation>系统自动</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="763"/>
        <source>Done late</source>
        <translation>超时完成</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="764"/>
        <source>To do</source>
        <translation>待做</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="764"/>
        <source>Missed</source>
        <translation>漏做</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="787"/>
        <source>%1 of %2 done, %3 missed</source>
        <translation>已完成 %1 / %2 项，漏做 %3 项</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="830"/>
        <source>Checklist templates saved.</source>
        <translation>工作清单模板已保存。</translation>
    </message>
</context>
<context>
    <name>LeaveTab</name>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="369"/>
        <source>Ask for leave</source>
        <translation>请假</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="370"/>
        <source>For</source>
        <translation>请假人</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="371"/>
        <location filename="../../../ui/screens/shifts.py" line="383"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="372"/>
        <source>From</source>
        <translation>开始</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="373"/>
        <source>To</source>
        <translation>结束</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="374"/>
        <location filename="../../../ui/screens/shifts.py" line="384"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="375"/>
        <source>Override reason</source>
        <translation>破例原因</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="376"/>
        <source>Manager only: lets a broken rule pass (audited)</source>
        <translation>仅店长：写明原因可破例批准（记入审计）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="377"/>
        <source>Submit leave</source>
        <translation>提交请假</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="378"/>
        <source>Balances this month</source>
        <translation>本月假期余额</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="379"/>
        <location filename="../../../ui/screens/shifts.py" line="383"/>
        <source>Clerk</source>
        <translation>店员</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="379"/>
        <source>Rest used</source>
        <translation>已休</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="380"/>
        <source>Rest left</source>
        <translation>剩余休息</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="380"/>
        <source>Personal</source>
        <translation>事假</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="381"/>
        <source>Sick</source>
        <translation>病假</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="381"/>
        <source>Annual</source>
        <translation>年假</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="382"/>
        <source>Leave requests</source>
        <translation>请假申请</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="383"/>
        <source>Dates</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="384"/>
        <source>Days</source>
        <translation>天数</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="384"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="385"/>
        <source>Note for the decision</source>
        <translation>批复说明</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="386"/>
        <source>Approve</source>
        <translation>批准</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="387"/>
        <source>Reject</source>
        <translation>驳回</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="388"/>
        <source>Withdraw</source>
        <translation>撤回</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="404"/>
        <source>Rules: %1 rest days a month, at most %2 days off in a row, at least %3 rest day a week, never leave the outlet unstaffed.</source>
        <translation>规则：每月休息 %1 天，最多连休 %2 天，每周至少休 %3 天，门店不能无人值班。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="424"/>
        <source>override</source>
        <translation>破例</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="426"/>
        <source>colleague has seen it</source>
        <translation>同事已知晓</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="437"/>
        <source>Select a leave request first.</source>
        <translation>请先选中一条请假申请。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="449"/>
        <source>Leave recorded.</source>
        <translation>请假已提交。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="462"/>
        <source>Decision saved.</source>
        <translation>已批复。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="470"/>
        <source>Leave withdrawn.</source>
        <translation>请假已撤回。</translation>
    </message>
</context>
<context>
    <name>RosterTab</name>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="196"/>
        <source>Generate from rotation</source>
        <translation>按轮换生成</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="197"/>
        <source>Publish month</source>
        <translation>发布本月</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="198"/>
        <source>Print roster (PDF)</source>
        <translation>打印排班表（PDF）</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="199"/>
        <source>Coverage and rule problems</source>
        <translation>排班问题与规则提示</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="203"/>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="204"/>
        <source>Published</source>
        <translation>已发布</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="231"/>
        <source>%1-%2</source>
        <translation>%1年%2月</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="233"/>
        <source>Not generated yet</source>
        <translation>还没生成</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="235"/>
        <source>Draft, not published</source>
        <translation>草稿，未发布</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="237"/>
        <source>Published %1; the draft has unpublished changes</source>
        <translation>%1 已发布；草稿有未发布的改动</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="240"/>
        <source>Published %1</source>
        <translation>%1 已发布</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="247"/>
        <source>%1 = one person covers the whole day; %2 = rest / personal / sick / annual leave. Double-click a cell to change it (manager).</source>
        <translation>%1 = 一人当班，合并岗位，全天值守；%2 = 休息/事假/病假/年假。店长双击格子可修改。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="254"/>
        <source>Press “Generate from rotation” to build this month.</source>
        <translation>点“按轮换生成”排出这个月的班。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="257"/>
        <source>This month&apos;s roster is not published yet.</source>
        <translation>这个月的排班还没发布。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="260"/>
        <source>Notice: </source>
        <translation>提示：</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="263"/>
        <source>Every open day is covered.</source>
        <translation>每个营业日都有人值班。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="269"/>
        <source>Draft generated from the daily rotation.</source>
        <translation>已按每日轮换生成草稿。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="275"/>
        <source>Roster published: everyone now sees this month.</source>
        <translation>排班已发布，大家都能看到本月排班。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="291"/>
        <source>Roster %1</source>
        <translation>排班表 %1</translation>
    </message>
</context>
<context>
    <name>ShiftsScreen</name>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="855"/>
        <source>Roster</source>
        <translation>排班</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="855"/>
        <source>Leave</source>
        <translation>请假</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="855"/>
        <source>Swaps</source>
        <translation>调班</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="856"/>
        <source>Attendance</source>
        <translation>考勤</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="856"/>
        <source>Duties</source>
        <translation>工作清单</translation>
    </message>
</context>
<context>
    <name>SwapTab</name>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="523"/>
        <source>Ask a colleague to swap</source>
        <translation>找同事调班</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="524"/>
        <source>With</source>
        <translation>和</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="525"/>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="526"/>
        <source>and back on</source>
        <translation>换回日期</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="527"/>
        <location filename="../../../ui/screens/shifts.py" line="530"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="528"/>
        <source>Ask</source>
        <translation>申请</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="529"/>
        <source>Asked by</source>
        <translation>申请人</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="529"/>
        <source>Colleague</source>
        <translation>同事</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="530"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="530"/>
        <source>Dates</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="531"/>
        <source>Accept</source>
        <translation>同意</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="532"/>
        <source>Decline</source>
        <translation>不同意</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="533"/>
        <source>Approve</source>
        <translation>批准</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="534"/>
        <source>Reject</source>
        <translation>驳回</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="535"/>
        <source>Withdraw</source>
        <translation>撤回</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="562"/>
        <source>There is no colleague to swap with.</source>
        <translation>没有可以调班的同事。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="566"/>
        <source>Swap asked: your colleague sees it when they log in.</source>
        <translation>调班申请已发出，同事登录后就能看到。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="572"/>
        <source>Select a swap first.</source>
        <translation>请先选中一条调班申请。</translation>
    </message>
    <message>
        <location filename="../../../ui/screens/shifts.py" line="579"/>
        <source>Swap updated.</source>
        <translation>调班已更新。</translation>
    </message>
</context>
</TS>
