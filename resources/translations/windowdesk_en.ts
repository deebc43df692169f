<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AddUserDialog</name>
    <message>
        <location filename="../../src/windowdesk/ui/password_dialogs.py" line="+101"/>
        <source>添加用户</source>
        <translation>Add a user</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
</context>
<context>
    <name>AdminPage</name>
    <message>
        <location filename="../../src/windowdesk/ui/first_run_wizard.py" line="+305"/>
        <source>管理员</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>管理员设置本窗口、添加经办员和审核员。密码至少 8 位，请牢记。</source>
        <translation>The administrator sets up this window and adds clerks and supervisors. The password has at least 8 characters: keep it safe.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>管理员用户名</source>
        <translation>Administrator&apos;s user name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>再次输入密码</source>
        <translation>Password again</translation>
    </message>
</context>
<context>
    <name>ChangeOwnPasswordDialog</name>
    <message>
        <location filename="../../src/windowdesk/ui/password_dialogs.py" line="+26"/>
        <source>修改我的密码</source>
        <translation>Change my password</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>用户</source>
        <translation>User</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>当前密码</source>
        <translation>Current password</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>新密码</source>
        <translation>New password</translation>
    </message>
</context>
<context>
    <name>ClosingPage</name>
    <message>
        <location filename="../../src/windowdesk/ui/pages/closing_page.py" line="+39"/>
        <source>结算（含已作废）</source>
        <translation>Settlements (incl. voided)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>医疗总费用</source>
        <translation>Total cost</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>政策范围内费用</source>
        <translation>In-scope cost</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>报销合计</source>
        <translation>Total reimbursed</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+59"/>
        <source>个人支付</source>
        <translation>Patient pays</translation>
    </message>
    <message>
        <location line="-58"/>
        <source>参保</source>
        <translation>Enrollments</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>缴费标准合计</source>
        <translation>Contributions due</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>个人实缴</source>
        <translation>Paid by the person</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>作废</source>
        <translation>Voids</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>预览</source>
        <translation>Preview</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+156"/>
        <source>日结</source>
        <translation>Close day</translation>
    </message>
    <message>
        <location line="-151"/>
        <source>日期</source>
        <translation>Day</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>经办员</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>项目</source>
        <translation>Item</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>笔数</source>
        <translation>Count</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>金额（元）</source>
        <translation>Amount (yuan)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>当日汇总</source>
        <translation>Day summary</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>现金</source>
        <translation>Cash</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>收款</source>
        <translation>Collected</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>退款</source>
        <translation>Refunded</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>净收款</source>
        <translation>Net cash</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>票据号</source>
        <translation>Receipt no.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>退回现金</source>
        <translation>Cash refunded</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>作废人</source>
        <translation>Voided by</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>作废时间</source>
        <translation>Voided at</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>结算经办员</source>
        <translation>Settled by</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>结算日期</source>
        <translation>Settlement date</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>作废明细</source>
        <translation>Voided settlements</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>{0}（{1}）</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>请填写日期</source>
        <translation>Type the date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不是有效日期：{0}（如 20260301）</source>
        <translation>Not a valid date: {0} (e.g. 20260301)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>已日结：{0} 于 {1} 日结</source>
        <translation>Closed by {0} at {1}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>注意：当前数据与日结时不同，以上为日结时的数据</source>
        <translation>Note: the data has changed since closing; the figures above are those at closing</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>未日结</source>
        <translation>Not closed</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>确认日结</source>
        <translation>Close the day</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>确认对 {0} 的 {1} 日结？
结算 {2} 笔，参保 {3} 笔，作废 {4} 笔，净收款 {5} 元。
日结后该经办员当日不能再结算、参保或作废。</source>
        <translation>Close {1} for {0}?
{2} settlements, {3} enrollments, {4} voids, net cash {5} yuan.
After closing, this clerk can no longer settle, enroll or void on that day.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{0} 的 {1} 已日结</source>
        <translation>{1} closed for {0}</translation>
    </message>
    <message>
        <location line="-168"/>
        <location line="+141"/>
        <source>日结报表 PDF</source>
        <translation>Day-end report PDF</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>已保存到 {0}</source>
        <translation>Saved to {0}</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <location filename="../../src/windowdesk/ui/date_field.py" line="+37"/>
        <source>年月日，如 20260301</source>
        <translation>YYYYMMDD, e.g. 20260301</translation>
    </message>
</context>
<context>
    <name>EnrollmentPage</name>
    <message>
        <location filename="../../src/windowdesk/ui/pages/enrollment_page.py" line="+52"/>
        <source>办理参保</source>
        <translation>Enroll</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>参保登记</source>
        <translation>Enrollment</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>当前人员类别</source>
        <translation>Current category</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已参保年度</source>
        <translation>Years enrolled</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>参保年度</source>
        <translation>Year to enroll</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办理日期</source>
        <translation>Enrolled on</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>资助资金</source>
        <translation>Subsidy fund</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>资助金额</source>
        <translation>Subsidy</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>保存参保凭证 PDF…</source>
        <translation>Save enrollment receipt as PDF…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>打印参保凭证</source>
        <translation>Print enrollment receipt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>参保结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>资助类别</source>
        <translation>Subsidy category</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>个人缴费标准</source>
        <translation>Contribution due</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>资助</source>
        <translation>Subsidies</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>个人实缴</source>
        <translation>Person pays</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>参保期</source>
        <translation>Insured period</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>票据号</source>
        <translation>Receipt no.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>无</source>
        <translation>None</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>已参保：{0} 年度，参保期 {1} 至 {2}，票据号 {3}</source>
        <translation>Already enrolled: year {0}, insured {1} to {2}, receipt no. {3}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>请填写日期</source>
        <translation>Type the date</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>不是有效日期：{0}（如 20260301）</source>
        <translation>Not a valid date: {0} (e.g. 20260301)</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>参保登记成功，票据号 {0}</source>
        <translation>Enrolled, receipt no. {0}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>大写：{0}</source>
        <translation>In words: {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} 至 {1}</source>
        <translation>{0} to {1}</translation>
    </message>
</context>
<context>
    <name>ExportPage</name>
    <message>
        <location filename="../../src/windowdesk/ui/pages/export_page.py" line="+32"/>
        <source>结算明细</source>
        <translation>Settlements</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>参保明细</source>
        <translation>Enrollments</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>监测名单</source>
        <translation>Monitoring list</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>家庭封顶支付</source>
        <translation>Family cap payouts</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>年-月，如 2024-03</source>
        <translation>Year-month, e.g. 2024-03</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>数据包写入的文件夹</source>
        <translation>Folder to write the package to</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+15"/>
        <source>选择…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>导出</source>
        <translation>Export</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>导出月度数据包</source>
        <translation>Export the monthly package</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>期间</source>
        <translation>Period</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>输出文件夹</source>
        <translation>Output folder</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>要校验的数据包文件夹</source>
        <translation>Folder of the package to verify</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+2"/>
        <source>校验数据包</source>
        <translation>Verify package</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>数据包文件夹</source>
        <translation>Package folder</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>内容</source>
        <translation>Contents</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>行数</source>
        <translation>Rows</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>字节</source>
        <translation>Bytes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SHA-256（前16位）</source>
        <translation>SHA-256 (first 16)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>数据包清单</source>
        <translation>Package manifest</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>选择输出文件夹</source>
        <translation>Choose the output folder</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>选择要校验的数据包文件夹</source>
        <translation>Choose the package folder to verify</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>请选择输出文件夹</source>
        <translation>Please choose an output folder</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>正在导出 {0}…</source>
        <translation>Exporting {0}…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>本月尚未结束</source>
        <translation>This month is not over</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} 尚未结束，导出的数据包只含截至今天的业务，清单中将注明“不完整”。仍要导出吗？</source>
        <translation>{0} is not over yet: the package holds the business up to today only, and its manifest will say it is incomplete. Export anyway?</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>请选择要校验的数据包文件夹</source>
        <translation>Please choose the package folder to verify</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>文件夹不存在：{0}</source>
        <translation>Folder not found: {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>正在校验…</source>
        <translation>Verifying…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>已导出 {0} 月度数据包（第 {1} 号）到 {2}</source>
        <translation>Exported the {0} monthly package (no. {1}) to {2}</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>本次导出：窗口 {0} {1}&#x3000;期间 {2}&#x3000;第 {3} 号&#x3000;已签名（密钥指纹 {4}）</source>
        <translation>This export: window {0} {1}, period {2}, no. {3}, signed (key fingerprint {4})</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>校验通过：窗口 {0}&#x3000;期间 {1}&#x3000;第 {2} 号，文件与清单一致，签名有效</source>
        <translation>Verified: window {0}, period {1}, no. {2}; the files match the manifest and the signature is valid</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>文件夹中另有清单未列出的文件：{0}</source>
        <translation>The folder also holds files the manifest does not list: {0}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>校验未通过：</source>
        <translation>Verification failed:</translation>
    </message>
</context>
<context>
    <name>FinishPage</name>
    <message>
        <location filename="../../src/windowdesk/ui/first_run_wizard.py" line="+60"/>
        <source>完成设置</source>
        <translation>Finish</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请核对以下设置，按“完成”建立本窗口的数据库。</source>
        <translation>Check the settings below; Finish creates this window&apos;s database.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>另建一个演示窗口用于练习，完成后先打开它</source>
        <translation>Also build a demo window to practise on, and open it first</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>演示窗口使用演示政策、花名册和两笔结算，数据另存，不影响本窗口；用户 admin、clerk、sup，密码 demo1234。下次启动打开本窗口。</source>
        <translation>The demo window has a demo policy, roster and two settlements in a database of its own, apart from this window&apos;s; users admin, clerk and sup, password demo1234. The next start opens this window.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>数据库：{0}</source>
        <translation>Database: {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>窗口：{0} {1}</source>
        <translation>Window: {0} {1}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>政策：{0}（{1}）</source>
        <translation>Policy: {0} ({1})</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>管理员：{0}</source>
        <translation>Administrator: {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>票据纸张：{0}</source>
        <translation>Receipt paper: {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>县级密钥：{0}</source>
        <translation>County key: {0}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>已填写</source>
        <translation>given</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>稍后在设置中填写</source>
        <translation>to be set later in Settings</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <location line="+26"/>
        <source>首次使用 - 设置本窗口</source>
        <translation>First run - set up this window</translation>
    </message>
</context>
<context>
    <name>FolderPage</name>
    <message>
        <location line="-317"/>
        <location line="+16"/>
        <source>数据文件夹</source>
        <translation>Data folder</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>本窗口的数据库、备份和日志都放在这个文件夹里。</source>
        <translation>This window&apos;s database, backups and logs are kept in this folder.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>选择…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>本机的标准数据位置：{0}</source>
        <translation>This PC&apos;s standard data location: {0}</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>数据库文件：{0}</source>
        <translation>Database file: {0}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>选择数据文件夹</source>
        <translation>Choose the data folder</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>请填写数据文件夹的完整路径</source>
        <translation>Enter the data folder&apos;s full path</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../src/windowdesk/ui/login_dialog.py" line="+29"/>
        <source>登录 - 一站式结算窗口</source>
        <translation>Log in - One-stop settlement window</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>登录</source>
        <translation>Log in</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>请输入用户名</source>
        <translation>Please enter your user name</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../src/windowdesk/ui/main_window.py" line="+50"/>
        <source>一站式结算窗口</source>
        <translation>One-stop settlement window</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>结算</source>
        <translation>Settle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>参保</source>
        <translation>Enroll</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>票据</source>
        <translation>Receipts</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>查询</source>
        <translation>Look up</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>花名册</source>
        <translation>Roster</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>日结</source>
        <translation>Day-end closing</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>作废</source>
        <translation>Void</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>上报</source>
        <translation>Report</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>业务(&amp;B)</source>
        <translation>&amp;Business</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location line="+134"/>
        <source>窗口 {0} {1}</source>
        <translation>Window {0} {1}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>政策：{0}</source>
        <translation>Policy: {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0}：{1}</source>
        <translation>{0}: {1}</translation>
    </message>
    <message>
        <location line="-156"/>
        <source>报表</source>
        <translation>Statistics</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>用户</source>
        <translation>User</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>账户(&amp;A)</source>
        <translation>&amp;Account</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>修改我的密码…</source>
        <translation>Change my password…</translation>
    </message>
    <message>
        <location line="+76"/>
        <source>密码已修改</source>
        <translation>Password changed</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>已从备份恢复</source>
        <translation>Restored from a backup</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>已从 {0} 恢复数据库，原数据库另存为 {1}。
请重新启动本窗口。</source>
        <translation>The database was restored from {0}; the one it replaced was kept as {1}.
Please start the window again.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>今日自动备份失败：{0}</source>
        <translation>Today&apos;s automatic backup failed: {0}</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>当前政策“{0}”{1}</source>
        <translation>Policy “{0}”: {1}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>（在“设置”页更换政策）</source>
        <translation> (set a new one on the Settings page)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>（请联系管理员更换政策）</source>
        <translation> (ask the administrator to set a new one)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>尚未备份</source>
        <translation>No backup yet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>上次备份：{0}</source>
        <translation>Last backup: {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>上次备份：{0}（文件已不在）</source>
        <translation>Last backup: {0} (the file is gone)</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <location filename="../../src/windowdesk/ui/password_dialogs.py" line="-83"/>
        <source>再次输入新密码</source>
        <translation>New password again</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>两次输入的密码不一致</source>
        <translation>The two passwords differ</translation>
    </message>
</context>
<context>
    <name>PersonLookup</name>
    <message>
        <location filename="../../src/windowdesk/ui/person_lookup.py" line="+54"/>
        <source>身份证号，或姓名开头的字，按回车查询</source>
        <translation>ID number, or the first characters of a name; press Enter</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>查询</source>
        <translation>Look up</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>户号</source>
        <translation>Household</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>请输入身份证号或姓名</source>
        <translation>Type an ID number or a name</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>没有姓名以“{0}”开头的人员</source>
        <translation>Nobody&apos;s name starts with “{0}”</translation>
    </message>
</context>
<context>
    <name>PersonPage</name>
    <message>
        <location filename="../../src/windowdesk/ui/pages/person_page.py" line="+30"/>
        <source>查询</source>
        <translation>Search</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>人员信息</source>
        <translation>Person</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>性别</source>
        <translation>Sex</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>出生日期</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>户号 / 与户主关系</source>
        <translation>Household / relation to head</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>乡镇 / 村</source>
        <translation>Township / village</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>今日人员类别</source>
        <translation>Category today</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>人员类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+7"/>
        <source>认定日期</source>
        <translation>Identified on</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>退出日期</source>
        <translation>Exited on</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>资助类别</source>
        <translation>Subsidy category</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>缴费标准</source>
        <translation>Contribution</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>个人实缴</source>
        <translation>Paid by the person</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>参保期</source>
        <translation>Insured period</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>票据号</source>
        <translation>Receipt no.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>人员类别记录</source>
        <translation>Category history</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>参保记录</source>
        <translation>Enrollments</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>慢特病病种</source>
        <translation>Special disease</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>终止日期</source>
        <translation>Ended on</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>慢特病认定</source>
        <translation>Special-disease registrations</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>{0} 至 {1}</source>
        <translation>{0} to {1}</translation>
    </message>
</context>
<context>
    <name>PersonPageBase</name>
    <message>
        <location filename="../../src/windowdesk/ui/pages/base.py" line="+74"/>
        <source>打印预览</source>
        <translation>Print preview</translation>
    </message>
</context>
<context>
    <name>PolicyPage</name>
    <message>
        <location filename="../../src/windowdesk/ui/first_run_wizard.py" line="+42"/>
        <source>本地政策</source>
        <translation>Local policy</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>选择本地区本年度的医保政策：预置政策，或县医保局提供的政策文件。</source>
        <translation>Choose this region&apos;s policy for this year: a shipped preset, or the policy file the county bureau provides.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>从文件选择…</source>
        <translation>From a file…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>政策</source>
        <translation>Policy</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>（文件）</source>
        <translation> (file)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>选择政策文件</source>
        <translation>Choose a policy file</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>政策文件 (*.toml)</source>
        <translation>Policy files (*.toml)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>{0}
地区：{1}
有效期：{2}</source>
        <translation>{0}
Region: {1}
In force: {2}</translation>
    </message>
</context>
<context>
    <name>ReceiptActions</name>
    <message>
        <location filename="../../src/windowdesk/ui/receipt_actions.py" line="+147"/>
        <source>保存票据 PDF</source>
        <translation>Save receipt PDF</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>补打票据</source>
        <translation>Reprint receipt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>确认补打</source>
        <translation>Reprint</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>打印票据 {0}</source>
        <translation>Print receipt {0}</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>打印预览：票据 {0}</source>
        <translation>Print preview: receipt {0}</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>票据 {0} 已计入打印次数，但未能送到打印机：请检查打印机后补打</source>
        <translation>Receipt {0} was counted as printed but did not reach the printer: check the printer, then reprint</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>已送打印机 {0}</source>
        <translation>sent to the printer {0}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>已保存到 {0}</source>
        <translation>saved to {0}</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>无法显示票据 {0} 的预览</source>
        <translation>Cannot show the preview of receipt {0}</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>是否补打？补打的票据将标注“补打”。</source>
        <translation>Reprint it? The copy will be marked “Reprint”.</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>（电子副本）</source>
        <translation> (electronic copy)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>（补打 第{0}次）</source>
        <translation> (reprint no. {0})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>票据 {0}{1}：{2}</source>
        <translation>Receipt {0}{1}: {2}</translation>
    </message>
</context>
<context>
    <name>ReceiptPage</name>
    <message>
        <location filename="../../src/windowdesk/ui/first_run_wizard.py" line="+47"/>
        <source>票据与县级密钥</source>
        <translation>Receipts and county key</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>票据纸张以后可在设置中更改；县级密钥可以稍后填写。</source>
        <translation>The receipt paper can be changed later in Settings; the county key can be given later.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A5（横向）</source>
        <translation>A5 (landscape)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A4</source>
        <translation>A4</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>县医保局下发的密钥（十六进制），可留空</source>
        <translation>The key the county bureau issued (hex); may be left empty</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>票据纸张</source>
        <translation>Receipt paper</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>县级密钥</source>
        <translation>County key</translation>
    </message>
</context>
<context>
    <name>RecordsPage</name>
    <message>
        <location filename="../../src/windowdesk/ui/pages/records_page.py" line="+41"/>
        <source>作废需要审核员权限：请审核员办理</source>
        <translation>Voiding needs a supervisor: ask a supervisor to do it</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>如 LG-01-00000001</source>
        <translation>e.g. LG-01-00000001</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>身份证号，或姓名开头的字</source>
        <translation>ID number, or the start of a name</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>含已作废</source>
        <translation>Include voided</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>查找</source>
        <translation>Find</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>票据号</source>
        <translation>Receipt no.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>参保人</source>
        <translation>Insured person</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>出院日期</source>
        <translation>Discharge date</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>打印 / 补打</source>
        <translation>Print / reprint</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>保存电子副本 PDF…</source>
        <translation>Save electronic copy (PDF)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>作废原因（必填）</source>
        <translation>Reason for the void (required)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>作废</source>
        <translation>Voids</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>结算单</source>
        <translation>Settlement</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>结算</source>
        <translation>Settle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>票据</source>
        <translation>Receipt</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>不是有效日期：{0}（如 20260301）</source>
        <translation>Not a valid date: {0} (e.g. 20260301)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>结束日期早于开始日期</source>
        <translation>The end date is before the start date</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>没有符合条件的结算</source>
        <translation>No settlement matches</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>找到 {0} 笔结算</source>
        <translation>{0} settlement(s) found</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>已作废（{0} 于 {1}，原因：{2}）</source>
        <translation>Voided (by {0} at {1}; reason: {2})</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>正常</source>
        <translation>Valid</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0}&#x3000;{1}&#x3000;{2}&#x3000;{3}；报销 {4} 元，个人支付 {5} 元</source>
        <translation>{0}  {1}  {2}  {3}; reimbursed {4} yuan, patient pays {5} yuan</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>已打印纸质票据 {0} 张，电子副本 {1} 份</source>
        <translation>{0} paper slip(s) printed, {1} electronic copy(ies)</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <location filename="../../src/windowdesk/ui/pages/reports_page.py" line="+33"/>
        <source>按人员类别</source>
        <translation>By category</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>按月份</source>
        <translation>By month</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>按乡镇</source>
        <translation>By town</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>按医疗机构</source>
        <translation>By hospital</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>全年</source>
        <translation>Whole year</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+115"/>
        <source>{0}月</source>
        <translation>Month {0}</translation>
    </message>
    <message>
        <location line="-111"/>
        <source>查询</source>
        <translation>Run</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+126"/>
        <source>导出 Excel</source>
        <translation>Export to Excel</translation>
    </message>
    <message>
        <location line="-125"/>
        <location line="+128"/>
        <source>打印为 PDF</source>
        <translation>Print to PDF</translation>
    </message>
    <message>
        <location line="-126"/>
        <source>报表</source>
        <translation>Report</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>月份</source>
        <translation>Month</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>各基金支付（按出院月份）</source>
        <translation>Payments by fund (by month of discharge)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>综合保障率（按出院月份）</source>
        <translation>Coverage rate (by month of discharge)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>目录外费用占比（按医疗机构）</source>
        <translation>Out-of-catalogue share (by hospital)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>基金支付</source>
        <translation>Payments</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>保障率</source>
        <translation>Coverage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>目录外占比</source>
        <translation>Out of catalogue</translation>
    </message>
    <message>
        <location line="+39"/>
        <location line="+11"/>
        <source>正在统计…</source>
        <translation>Counting…</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>正在取消…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>正在统计各月数据…</source>
        <translation>Counting the months…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>正在统计各医疗机构…</source>
        <translation>Counting the hospitals…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>正在整理…</source>
        <translation>Arranging…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>共 {0} 行</source>
        <translation>{0} rows</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>已取消</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>{0}&#x3000;{1}（{2}）&#x3000;政策 {3}&#x3000;期间 {4}&#x3000;制表 {5}</source>
        <translation>{0}  {1} ({2})  policy {3}  period {4}  made {5}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>综合保障率</source>
        <translation>Coverage rate</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>目标</source>
        <translation>Target</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>目录外费用占比</source>
        <translation>Out-of-catalogue share</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>控制标准</source>
        <translation>Limit</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>其他救助</source>
        <translation>Other relief</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Excel 文件 (*.xlsx)</source>
        <translation>Excel files (*.xlsx)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>已保存到 {0}</source>
        <translation>Saved to {0}</translation>
    </message>
</context>
<context>
    <name>ResetPasswordDialog</name>
    <message>
        <location filename="../../src/windowdesk/ui/password_dialogs.py" line="+51"/>
        <source>重置密码</source>
        <translation>Reset password</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>用户</source>
        <translation>User</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>新密码</source>
        <translation>New password</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请把新密码告诉该用户，并请其登录后修改。</source>
        <translation>Tell the user the new password and ask them to change it after logging in.</translation>
    </message>
</context>
<context>
    <name>RosterPage</name>
    <message>
        <location filename="../../src/windowdesk/ui/pages/roster_page.py" line="+33"/>
        <source>数据行</source>
        <translation>Data rows</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+226"/>
        <source>新增</source>
        <translation>Added</translation>
    </message>
    <message>
        <location line="-225"/>
        <location line="+225"/>
        <source>变更</source>
        <translation>Changed</translation>
    </message>
    <message>
        <location line="-225"/>
        <location line="+226"/>
        <source>退出</source>
        <translation>Exited</translation>
    </message>
    <message>
        <location line="-225"/>
        <source>未变</source>
        <translation>Unchanged</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>无效</source>
        <translation>Invalid</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>花名册文件（CSV 或 XLSX），按回车预览</source>
        <translation>Roster file (CSV or XLSX); press Enter to preview</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>选择文件…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>预览</source>
        <translation>Preview</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+8"/>
        <source>导入需要审核员权限，经办员可以预览</source>
        <translation>Importing needs a supervisor; a clerk can preview</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>花名册文件</source>
        <translation>Roster file</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>导入报告</source>
        <translation>Import report</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>无效行（未导入）</source>
        <translation>Invalid rows (not imported)</translation>
    </message>
    <message>
        <location line="-8"/>
        <location line="+3"/>
        <source>行号</source>
        <translation>Row</translation>
    </message>
    <message>
        <location line="-3"/>
        <location line="+3"/>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>变动</source>
        <translation>Change</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>人员类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>变动人员</source>
        <translation>Who changes</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>选择花名册文件</source>
        <translation>Choose the roster file</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>花名册 (*.csv *.xlsx);;所有文件 (*)</source>
        <translation>Roster (*.csv *.xlsx);;All files (*)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>导入花名册</source>
        <translation>Import the roster</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>确认导入</source>
        <translation>Import it</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>确认导入 {0}？
新增 {1}，变更 {2}，退出 {3}；无效 {4} 行不导入。</source>
        <translation>Import {0}?
Added {1}, changed {2}, exited {3}; {4} invalid row(s) not imported.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>正在取消…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>请先选择花名册文件</source>
        <translation>Please choose a roster file first</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>文件已更改，请先预览</source>
        <translation>The file has changed: preview it first</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>正在预览…</source>
        <translation>Previewing…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>正在导入…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>已读取 {0} 行</source>
        <translation>{0} rows read</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>已读取 {0} 行，正在与现有花名册比对…</source>
        <translation>{0} rows read; comparing with the roster…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>正在写入花名册…</source>
        <translation>Writing the roster…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>与现有花名册相同，导入不会有任何变更</source>
        <translation>Same as the current roster: importing would change nothing</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>预览完成，尚未写入；核对无误后按“导入”</source>
        <translation>Preview done, nothing written yet; check it, then press “Import”</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>预览完成，尚未写入；导入需要审核员办理</source>
        <translation>Preview done, nothing written yet; a supervisor must do the import</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>已导入：新增 {0}，变更 {1}，退出 {2}，未变 {3}；无效 {4} 行未导入</source>
        <translation>Imported: {0} added, {1} changed, {2} exited, {3} unchanged; {4} invalid rows not imported</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>已取消，未写入任何数据</source>
        <translation>Cancelled, nothing was written</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>已取消预览</source>
        <translation>Preview cancelled</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>预览（未写入）</source>
        <translation>Preview (not written)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>已导入</source>
        <translation>Imported</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0}：{1}&#x3000;SHA-256 {2}…</source>
        <translation>{0}: {1}  SHA-256 {2}…</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../src/windowdesk/ui/pages/settings_page.py" line="+63"/>
        <source>A5（横向）</source>
        <translation>A5 (landscape)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A4</source>
        <translation>A4</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>中文</source>
        <translation>Chinese</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>留空：数据文件夹中的 backups</source>
        <translation>Empty: backups in the data folder</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>选择…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>保存设置</source>
        <translation>Save settings</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>本窗口</source>
        <translation>This window</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>窗口编号</source>
        <translation>Window id</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>窗口名称</source>
        <translation>Window name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>票据纸张</source>
        <translation>Receipt paper</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>默认打印机</source>
        <translation>Default printer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>界面语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>备份文件夹</source>
        <translation>Backup folder</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>保留备份份数</source>
        <translation>Backups kept</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>立即备份…</source>
        <translation>Back up now…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>从备份恢复…</source>
        <translation>Restore from a backup…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>备份与恢复</source>
        <translation>Backup and restore</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>从文件选择…</source>
        <translation>From a file…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>预览差异</source>
        <translation>Preview the differences</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+232"/>
        <source>更换政策</source>
        <translation>Change the policy</translation>
    </message>
    <message>
        <location line="-231"/>
        <source>项目</source>
        <translation>Item</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>当前</source>
        <translation>Current</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>新政策</source>
        <translation>New policy</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>本地政策</source>
        <translation>Local policy</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>县医保局下发的密钥（十六进制）</source>
        <translation>The key the county bureau issued (hex)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>设置密钥</source>
        <translation>Set the key</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>县级密钥</source>
        <translation>County key</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>系统默认打印机</source>
        <translation>The system&apos;s default printer</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{0}（未找到）</source>
        <translation>{0} (not found)</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>已设置（只显示是否设置，不显示密钥）</source>
        <translation>Set (the key itself is never shown)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未设置：导出的数据包和票据二维码不能签名</source>
        <translation>Not set: export packages and receipt QR codes cannot be signed</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>当前政策无法读取，请重新设置政策</source>
        <translation>The policy in force cannot be read: set the policy again</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>当前政策：{0}（{1}）
来源：{2}</source>
        <translation>Policy in force: {0} ({1})
From: {2}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>尚未备份</source>
        <translation>No backup yet</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>上次备份：{0}（{1}）</source>
        <translation>Last backup: {0} ({1})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0}
备份位置：{1}</source>
        <translation>{0}
Backups go to: {1}</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>设置没有改动</source>
        <translation>Nothing changed</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>设置已保存</source>
        <translation>Settings saved</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>；界面语言在下次启动时生效</source>
        <translation>; the language changes at the next start</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>请更正标红的项目</source>
        <translation>Please correct the fields marked in red</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>选择备份文件夹</source>
        <translation>Choose the backup folder</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>{0}（文件）</source>
        <translation>{0} (file)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>选择政策文件</source>
        <translation>Choose a policy file</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>政策文件 (*.toml)</source>
        <translation>Policy files (*.toml)</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>新政策：{0}（{1}）</source>
        <translation>New policy: {0} ({1})</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>与当前政策内容相同</source>
        <translation>The same text as the policy in force</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>与当前政策相比有 {0} 项不同</source>
        <translation>{0} differences from the policy in force</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>确认把本窗口的政策更换为“{0}”？
{1}
有 {2} 项与当前政策不同；更换后的结算按新政策计算，已有的结算不变。</source>
        <translation>Change this window&apos;s policy to “{0}”?
{1}
{2} differences from the policy in force; settlements from now on follow the new policy, those made stay as they are.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>确认更换</source>
        <translation>Change the policy</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>政策已更换为 {0}</source>
        <translation>The policy is now {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>政策没有改动</source>
        <translation>The policy did not change</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>请输入县医保局下发的密钥</source>
        <translation>Enter the key the county bureau issued</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>县级密钥已设置（指纹 {0}）</source>
        <translation>County key set (fingerprint {0})</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>备份到文件</source>
        <translation>Back up to a file</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+11"/>
        <source>数据库备份 (*.sqlite)</source>
        <translation>Database backups (*.sqlite)</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>已备份到 {0}</source>
        <translation>Backed up to {0}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>选择备份文件</source>
        <translation>Choose a backup file</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>确认用备份“{0}”替换本窗口的数据库？
替换前当前数据库会另存一份；恢复后需要重新启动窗口，备份之后办理的业务将不在恢复的数据库中。</source>
        <translation>Replace this window&apos;s database with the backup “{0}”?
The current database is kept as a copy first; the window must be started again after, and the business done since the backup will not be in the restored database.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>从备份恢复</source>
        <translation>Restore from a backup</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>确认恢复</source>
        <translation>Restore</translation>
    </message>
</context>
<context>
    <name>SettlementPage</name>
    <message>
        <location filename="../../src/windowdesk/ui/pages/settlement_page.py" line="+45"/>
        <location line="+1"/>
        <source>{0} 至 {1}</source>
        <translation>{0} to {1}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>无</source>
        <translation>None</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>参保人</source>
        <translation>Insured person</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>人员类别（入院日）</source>
        <translation>Category (on admission)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>参保期</source>
        <translation>Insured period</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>试算</source>
        <translation>Trial</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>回车（在最后一栏）</source>
        <translation>Enter (on the last field)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>确认结算</source>
        <translation>Confirm settlement</translation>
    </message>
    <message>
        <location line="+136"/>
        <source>请输入身份证号或姓名</source>
        <translation>Type an ID number or a name</translation>
    </message>
    <message>
        <location line="+20"/>
        <location line="+96"/>
        <source>内容已修改，请重新试算</source>
        <translation>The form changed: run the trial again</translation>
    </message>
    <message>
        <location line="-91"/>
        <source>试算完成，尚未结算：核对后按“确认结算”（Ctrl+回车）</source>
        <translation>Trial done, not settled yet: check it, then press &quot;Confirm settlement&quot; (Ctrl+Enter)</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>已结算</source>
        <translation>Settled</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>试算结果（未结算，未保存）</source>
        <translation>Trial (not settled, nothing saved)</translation>
    </message>
    <message>
        <location line="-232"/>
        <source>Ctrl+回车</source>
        <translation>Ctrl+Enter</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>新结算</source>
        <translation>New settlement</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>报销合计</source>
        <translation>Total reimbursed</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>个人支付</source>
        <translation>Patient pays</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>票据号</source>
        <translation>Receipt no.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>保存结算单 PDF…</source>
        <translation>Save slip as PDF…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>打印结算单</source>
        <translation>Print slip</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>结算结果</source>
        <translation>Settlement result</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>入院日不在参保期内（参保期：{0}）</source>
        <translation>Admission date outside the insured period (insured: {0})</translation>
    </message>
    <message>
        <location line="+90"/>
        <source>结算成功，票据号 {0}</source>
        <translation>Settled, receipt no. {0}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>请重新试算</source>
        <translation>Run the trial again</translation>
    </message>
    <message>
        <location line="+31"/>
        <location line="+2"/>
        <source>大写：{0}</source>
        <translation>In words: {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>享受困难群众倾斜政策</source>
        <translation>Hardship tilt applied</translation>
    </message>
</context>
<context>
    <name>SettlementsModel</name>
    <message>
        <location filename="../../src/windowdesk/ui/models/settlements_model.py" line="+19"/>
        <source>票据号</source>
        <translation>Receipt no.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>就诊类别</source>
        <translation>Visit type</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>出院日期</source>
        <translation>Discharge date</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>结算时间</source>
        <translation>Settled at</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>医疗总费用</source>
        <translation>Total cost</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>报销合计</source>
        <translation>Total reimbursed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>个人支付</source>
        <translation>Patient pays</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>已作废</source>
        <translation>Voided</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>正常</source>
        <translation>Valid</translation>
    </message>
</context>
<context>
    <name>StepsModel</name>
    <message>
        <location filename="../../src/windowdesk/ui/models/steps_model.py" line="+46"/>
        <source>项目</source>
        <translation>Item</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>计算基数</source>
        <translation>Base</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>起付线</source>
        <translation>Deductible</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>比例</source>
        <translation>Ratio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>支付金额</source>
        <translation>Paid</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>说明</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>UpstreamReliefBox</name>
    <message>
        <location filename="../../src/windowdesk/ui/upstream_relief_box.py" line="+20"/>
        <source>医保已结算 / 其他部门救助</source>
        <translation>Settled by the insurance platform / other offices&apos; grants</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>医保已结算（录入医院结算单的统筹、大病金额）</source>
        <translation>Settled by the insurance platform (type the hospital slip&apos;s basic and critical amounts)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>基本医保统筹（已结算）</source>
        <translation>Basic insurance (settled)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>大病保险（已结算）</source>
        <translation>Critical illness insurance (settled)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>基本医保统筹</source>
        <translation>Basic insurance</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>大病保险</source>
        <translation>Critical illness insurance</translation>
    </message>
</context>
<context>
    <name>UsersPage</name>
    <message>
        <location filename="../../src/windowdesk/ui/pages/users_page.py" line="+21"/>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>创建时间</source>
        <translation>Created</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>添加用户…</source>
        <translation>Add a user…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+58"/>
        <source>停用</source>
        <translation>Disable</translation>
    </message>
    <message>
        <location line="-57"/>
        <source>重置密码…</source>
        <translation>Reset password…</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>已停用</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>锁定至 {0}</source>
        <translation>Locked until {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>正常</source>
        <translation>Active</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>启用</source>
        <translation>Enable</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>停用用户</source>
        <translation>Disable a user</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>确认停用</source>
        <translation>Disable</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>已添加用户 {0}</source>
        <translation>User {0} added</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>确认停用用户 {0}？停用后该用户不能登录，其办理的业务和审计记录保留。</source>
        <translation>Disable user {0}? A disabled user cannot log in; their business and audit records are kept.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>已停用用户 {0}</source>
        <translation>User {0} disabled</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>已启用用户 {0}</source>
        <translation>User {0} enabled</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>已重置 {0} 的密码</source>
        <translation>{0}&apos;s password reset</translation>
    </message>
</context>
<context>
    <name>VisitForm</name>
    <message>
        <location filename="../../src/windowdesk/ui/visit_form.py" line="+34"/>
        <source>就诊信息</source>
        <translation>Visit</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>ICD-10，如 I63.9</source>
        <translation>ICD-10, e.g. I63.9</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>统筹区内就医</source>
        <translation>Treated within the pooling region</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>已办理转诊</source>
        <translation>Referred</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>转院（续住）</source>
        <translation>Transfer (continued stay)</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+27"/>
        <source>医疗总费用</source>
        <translation>Total cost</translation>
    </message>
    <message>
        <location line="-26"/>
        <location line="+26"/>
        <source>目录外费用</source>
        <translation>Out-of-catalogue cost</translation>
    </message>
    <message>
        <location line="-25"/>
        <location line="+26"/>
        <source>部分自付费用</source>
        <translation>Partial self-pay</translation>
    </message>
    <message>
        <location line="-25"/>
        <location line="+25"/>
        <source>前次已付起付线</source>
        <translation>Deductible paid before</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>出院日期</source>
        <translation>Discharge date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>住院天数</source>
        <translation>Days in hospital</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>就诊类别</source>
        <translation>Visit type</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>医院等级</source>
        <translation>Hospital level</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>医疗机构</source>
        <translation>Hospital</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>诊断</source>
        <translation>Diagnosis</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>政策范围内费用</source>
        <translation>In-scope cost</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>就诊日期</source>
        <translation>Visit date</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>入院日期</source>
        <translation>Admission date</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>请填写日期</source>
        <translation>Type the date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不是有效日期：{0}（如 20260301）</source>
        <translation>Not a valid date: {0} (e.g. 20260301)</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>{0} 天</source>
        <translation>{0} day(s)</translation>
    </message>
</context>
<context>
    <name>VoidPage</name>
    <message>
        <location filename="../../src/windowdesk/ui/pages/void_page.py" line="+28"/>
        <location line="+9"/>
        <source>票据号</source>
        <translation>Receipt no.</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>结算单号</source>
        <translation>Settlement id</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>参保人</source>
        <translation>Insured person</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>人员类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>就诊</source>
        <translation>Visit</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>入院 / 出院</source>
        <translation>Admitted / discharged</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>结算日期</source>
        <translation>Settlement date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>结算经办员</source>
        <translation>Settled by</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+4"/>
        <source>医疗总费用</source>
        <translation>Total cost</translation>
    </message>
    <message>
        <location line="-4"/>
        <location line="+4"/>
        <source>报销合计</source>
        <translation>Total reimbursed</translation>
    </message>
    <message>
        <location line="-3"/>
        <location line="+4"/>
        <source>个人支付</source>
        <translation>Patient pays</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>出院日期</source>
        <translation>Discharge date</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>票据号（如 LG-01-00000001）或结算单号，按回车查询</source>
        <translation>Receipt no. (e.g. LG-01-00000001) or settlement id; press Enter</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>查询</source>
        <translation>Look up</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>票据号 / 结算单号</source>
        <translation>Receipt no. / settlement id</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>结算单</source>
        <translation>Settlement</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>此后的结算</source>
        <translation>Later settlements</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>必填，如：金额录入错误，重新结算</source>
        <translation>Required, e.g.: amount typed wrongly, settling again</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+3"/>
        <source>作废</source>
        <translation>Void</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>作废原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>已作废（{0} 于 {1}，原因：{2}）</source>
        <translation>Voided (by {0} at {1}; reason: {2})</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>正常</source>
        <translation>Valid</translation>
    </message>
</context>
<context>
    <name>Voiding</name>
    <message>
        <location filename="../../src/windowdesk/ui/pages/voiding.py" line="+24"/>
        <source>作废结算</source>
        <translation>Void settlement</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>确认作废</source>
        <translation>Void it</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>该参保人本年度此后还有 {0} 笔结算，作废后保持原支付不变：</source>
        <translation>This person has {0} later settlement(s) this year; they stay as paid after the void:</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>
{0}（出院 {1}，医疗总费用 {2} 元，报销 {3} 元，个人支付 {4} 元）</source>
        <translation>
{0} (discharged {1}, total {2} yuan, reimbursed {3} yuan, patient pays {4} yuan)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>作废必须填写原因</source>
        <translation>A void needs a reason</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>确认作废票据 {0}？
参保人 {1}，报销合计 {2} 元，个人支付 {3} 元。
原因：{4}</source>
        <translation>Void receipt {0}?
Insured person {1}, total reimbursed {2} yuan, patient pays {3} yuan.
Reason: {4}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>已作废票据 {0}</source>
        <translation>Voided receipt {0}</translation>
    </message>
</context>
<context>
    <name>WindowPage</name>
    <message>
        <location filename="../../src/windowdesk/ui/first_run_wizard.py" line="-172"/>
        <source>本窗口</source>
        <translation>This window</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>窗口编号在全县唯一，设置后不能更改；窗口名称印在票据上。</source>
        <translation>The window id is unique in the county and cannot be changed later; the window name is printed on receipts.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>如 LG-01</source>
        <translation>e.g. LG-01</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>如 龙港市一站式结算窗口</source>
        <translation>e.g. Longgang one-stop settlement window</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>窗口编号</source>
        <translation>Window id</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>窗口名称</source>
        <translation>Window name</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <location filename="../../src/windowdesk/ui/app.py" line="+48"/>
        <location line="+5"/>
        <location line="+107"/>
        <location line="+8"/>
        <source>一站式结算窗口</source>
        <translation>One-stop settlement window</translation>
    </message>
    <message>
        <location line="-36"/>
        <source>无法打开数据库（{0}），请联系管理员</source>
        <translation>Cannot open the database ({0}); please call the administrator</translation>
    </message>
    <message>
        <location line="-78"/>
        <source>用该备份恢复</source>
        <translation>Restore from that backup</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>数据库文件已损坏（完整性检查未通过）：{0}</source>
        <translation>The database file is damaged (it fails its integrity check): {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>没有找到可用的备份，请联系管理员</source>
        <translation>No usable backup was found: please contact the administrator</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>最近一个完好的备份：{0}
是否用它恢复？当前的数据库文件会先另存一份。</source>
        <translation>The last good backup: {0}
Restore from it? The current database file is kept aside first.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>请管理员在命令行恢复：windowdesk restore {0} --user 管理员用户名</source>
        <translation>An administrator restores it on the command line: windowdesk restore {0} --user ADMIN_NAME</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>已从备份恢复：{0}</source>
        <translation>Restored from the backup: {0}</translation>
    </message>
</context>
<context>
    <name>confirm</name>
    <message>
        <location filename="../../src/windowdesk/ui/confirm.py" line="+13"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>labels</name>
    <message>
        <location filename="../../src/windowdesk/ui/labels.py" line="+19"/>
        <source>男</source>
        <translation>Male</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>女</source>
        <translation>Female</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>，</source>
        <translation>; </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已达年度封顶</source>
        <translation>annual cap reached</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>（目录外）</source>
        <translation> (out of catalogue)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>特困人员</source>
        <translation>Destitute</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>低保对象</source>
        <translation>Dibao (minimum living allowance)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>低保边缘</source>
        <translation>Near-dibao</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>脱贫人口</source>
        <translation>Lifted out of poverty</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>孤儿</source>
        <translation>Orphan</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>因病致贫重病患者</source>
        <translation>Impoverished by serious illness</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>渐退期</source>
        <translation>Phasing out</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>普通参保人</source>
        <translation>Ordinary enrollee</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>乡镇卫生院/社区</source>
        <translation>Township / community health centre</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>县级</source>
        <translation>County</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>市级</source>
        <translation>City</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>省级</source>
        <translation>Province</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>住院</source>
        <translation>Inpatient</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>门诊慢特病</source>
        <translation>Outpatient chronic/special disease</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>残疾儿童康复</source>
        <translation>Disabled children&apos;s rehabilitation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>基本医保统筹</source>
        <translation>Basic insurance</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>大病保险</source>
        <translation>Critical illness insurance</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>医疗救助</source>
        <translation>Medical assistance</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>商业补充保险</source>
        <translation>Supplementary commercial insurance</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>兜底保障</source>
        <translation>Backstop</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>财政资助</source>
        <translation>Government subsidy</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>县级财政资助</source>
        <translation>County government subsidy</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>医疗救助资助</source>
        <translation>Medical assistance subsidy</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>经办员</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>审核员</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>管理员</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未转诊，比例下调</source>
        <translation>Not referred: lower ratio</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>按月限额支付</source>
        <translation>Paid up to the monthly limit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>康复月数已满</source>
        <translation>Rehabilitation months used up</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>困难群众倾斜</source>
        <translation>Hardship tilt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不设封顶</source>
        <translation>No cap</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>政策范围内</source>
        <translation>Within policy scope</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>目录外（全自费）</source>
        <translation>Out of catalogue (paid in full by the patient)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>补足至目标比例</source>
        <translation>Topped up to the target ratio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>年度自付超过门槛部分</source>
        <translation>Annual out-of-pocket above the threshold</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>本地政策未设</source>
        <translation>Not in the local policy</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>本类就诊不适用</source>
        <translation>Not for this kind of visit</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>本类人员不适用</source>
        <translation>Not for this category</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不享受倾斜政策</source>
        <translation>No hardship tilt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>未转诊，不予支付</source>
        <translation>Not referred: not paid</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>医保已结算</source>
        <translation>Settled by the insurance platform</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>普通门诊</source>
        <translation>Ordinary outpatient</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>其他部门救助</source>
        <translation>Other offices&apos; relief</translation>
    </message>
</context>
<context>
    <name>policy</name>
    <message>
        <location filename="../../src/windowdesk/ui/policy_words.py" line="+11"/>
        <source>{0} 至 {1}</source>
        <translation>{0} to {1}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>已于 {0} 结束：结算将被拒绝，请换用本年度的政策</source>
        <translation>Ended on {0}: settlements will be refused; set this year&apos;s policy</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>将于 {0} 结束（30 天内），请及时换用新政策</source>
        <translation>Ends on {0} (within 30 days): set the new policy in time</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>自 {0} 起施行，尚未生效</source>
        <translation>In force from {0}: not yet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>执行中，至 {0}</source>
        <translation>In force until {0}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>【已结束】</source>
        <translation> [ended]</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>【30 天内结束】</source>
        <translation> [ends within 30 days]</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>【未生效】</source>
        <translation> [not yet in force]</translation>
    </message>
</context>
<context>
    <name>problems</name>
    <message>
        <location filename="../../src/windowdesk/wording/problems.py" line="+21"/>
        <source>输入有误：{field}</source>
        <translation>Invalid input: {field}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>系统错误（{kind}），请联系管理员</source>
        <translation>System error ({kind}); please call the administrator</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>出院日期 {discharged} 晚于今天（{today}），不能结算</source>
        <translation>The discharge date {discharged} is after today ({today}): it cannot be settled</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>试算后该参保人的年度累计已变化（可能其他窗口刚为其结算），请重新试算后再确认</source>
        <translation>This person&apos;s year to date changed after the trial (another window may have just settled them): run the trial again, then confirm</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>出院日期 {discharged} 不在政策 {policy} 的执行期（{effective_from} 至 {effective_to}）内</source>
        <translation>The discharge date {discharged} is outside the period of the policy {policy} ({effective_from} to {effective_to})</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>入院日期 {day} 不在参保期内（参保期：{periods}）</source>
        <translation>The admission date {day} is not in an insured period (insured periods: {periods})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>本窗口没有结算单号或票据号为 {ref} 的结算</source>
        <translation>This window has no settlement with the id or receipt number {ref}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请输入结算单号或票据号</source>
        <translation>Enter a settlement id or a receipt number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>起始日期 {date_from} 晚于截止日期 {date_to}</source>
        <translation>The start date {date_from} is after the end date {date_to}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{id_number} 已参保：已办理 {year} 年度参保（票据号 {receipt_no}，参保期 {insured_from} 至 {insured_to}），不能重复参保</source>
        <translation>{id_number} is enrolled already for {year} (receipt no. {receipt_no}, insured {insured_from} to {insured_to}): they cannot be enrolled twice</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>政策 {policy}（执行期 {effective_from} 至 {effective_to}）未规定 {year} 年度的参保缴费，不能办理该年度参保：请先设置该年度的政策</source>
        <translation>The policy {policy} (in force {effective_from} to {effective_to}) sets no contributions for {year}: enrollment for that year needs that year&apos;s policy first</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>政策 {policy} 未规定参保缴费，不能办理参保</source>
        <translation>The policy {policy} sets no contributions: enrollment is not possible</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{year} 年度已结束，不能再办理该年度参保</source>
        <translation>The year {year} has ended: enrollment for it is closed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{year} 年度参保登记从 {opens} 年开始办理</source>
        <translation>Enrollment for {year} opens in {opens}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{on} 办理 {year} 年度参保将于 {starts} 生效，已超出该年度，请办理 {next_year} 年度参保</source>
        <translation>Enrolling for {year} on {on} would insure from {starts}, after the year ends: enroll for {next_year} instead</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>花名册文件 {file} 在预览后已被修改（预览时 SHA-256 {previewed}…，现在 {found}…），未导入：请重新预览</source>
        <translation>The roster file {file} has changed since its preview (SHA-256 {previewed}… then, {found}… now): nothing was imported; preview it again</translation>
    </message>
    <message>
        <location line="-73"/>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{field} 应为 JSON 对象</source>
        <translation>{field} must be a JSON object</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>缺少 {field}（应为 JSON 对象）</source>
        <translation>{field} is missing (a JSON object)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>缺少 {field}（应为文字）</source>
        <translation>{field} is missing (text)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{field} 应为文字</source>
        <translation>{field} must be text</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{field} 应为 true 或 false</source>
        <translation>{field} must be true or false</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>缺少 {field}（应为日期，如 2024-03-01）</source>
        <translation>{field} is missing (a date such as 2024-03-01)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{field} 不是有效日期（应为 年-月-日，如 2024-03-01）：{value}</source>
        <translation>{field} is not a date (year-month-day, such as 2024-03-01): {value}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{field} 不是可用的字段</source>
        <translation>{field} is not a known field</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{field} 应为“年-月”（如 2024-03）的列表</source>
        <translation>{field} must be a list of months such as 2024-03</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>人员类别无效：{value}</source>
        <translation>Invalid person category: {value}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>就诊类别无效：{value}（可用：{known}）</source>
        <translation>Invalid kind of visit: {value} (known: {known})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>医院等级无效：{value}（可用：{known}）</source>
        <translation>Invalid hospital level: {value} (known: {known})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>目录外费用（{out_of_catalog}）与部分自付（{partial_self_pay}）之和超过医疗总费用（{total}）</source>
        <translation>Out-of-catalogue costs ({out_of_catalog}) and partial self-pay ({partial_self_pay}) exceed the total cost ({total})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>出院日期 {discharged} 早于入院日期 {admitted}</source>
        <translation>The discharge date {discharged} is before the admission date {admitted}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>本地政策（{policy}）没有该类就诊的待遇</source>
        <translation>The local policy ({policy}) pays nothing for this kind of visit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>诊断编码 {diagnosis} 不在本地门诊慢特病病种目录内（{diseases}）</source>
        <translation>Diagnosis code {diagnosis} is not in the local list of outpatient chronic/special diseases ({diseases})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>残疾儿童康复需要填写出生日期</source>
        <translation>Children&apos;s rehabilitation needs the date of birth</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>出生日期 {birth_date} 晚于入院日期 {admitted}</source>
        <translation>The date of birth {birth_date} is after the admission date {admitted}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>残疾儿童康复待遇限 0 至 {max_age} 周岁，参保人在 {admitted} 为 {age} 周岁</source>
        <translation>Children&apos;s rehabilitation is for ages 0 to {max_age}; the person is {age} on {admitted}</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>{field} 不是有效金额：{value}</source>
        <translation>{field} is not a valid amount: {value}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{field} 应写成文字或整数金额（如 &quot;1200.50&quot;），不能是 {type}</source>
        <translation>{field} must be written as text or a whole number (such as &quot;1200.50&quot;), not {type}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{field} 不能为负数：{amount}</source>
        <translation>{field} cannot be negative: {amount}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{field} 最多两位小数：{amount}</source>
        <translation>{field} has more than two decimal places: {amount}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>身份证号应为18位（或15位旧号），实际为{length}位</source>
        <translation>An ID number has 18 characters (or 15 in an old number); this one has {length}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>身份证号含有非法字符：{chars}（只能是数字，最后一位可以是X）</source>
        <translation>The ID number contains invalid characters: {chars} (digits only; the last may be X)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>身份证号中的出生日期无效：{digits}</source>
        <translation>The birth date in the ID number is not valid: {digits}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>身份证号校验位不符，请核对号码是否输错</source>
        <translation>The ID number&apos;s check character does not match; please check the number for a typo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>身份证号被Excel转成了数字，末几位已丢失，请把该列设为文本格式后重新导出</source>
        <translation>Excel turned the ID number into a number and its last digits are lost; format the column as text and export again</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>作废必须填写原因</source>
        <translation>A void needs a reason</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>结算单 {key} 已作废</source>
        <translation>Settlement {key} is void already</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>票据 {receipt_no} 已打印 {printed} 次，如需再次打印请选择补打</source>
        <translation>Receipt {receipt_no} has been printed {printed} time(s); to print it again choose a reprint</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>结算已保存（结算单号 {settlement_id}，票据号 {receipt_no}），但结算单未能打印，可稍后用 windowdesk receipt 补打</source>
        <translation>The settlement is saved (settlement {settlement_id}, receipt {receipt_no}) but its slip was not printed; reprint it later with windowdesk receipt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>花名册中没有身份证号为 {id_number} 的人员</source>
        <translation>No person with ID number {id_number} in the roster</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>纸张设置应为 A4 或 A5，不是 {size}</source>
        <translation>The paper size setting must be A4 or A5, not {size}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>无法写入文件 {path}（{detail}）</source>
        <translation>Cannot write the file {path} ({detail})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>没有票据号为 {receipt_no} 的参保登记</source>
        <translation>No enrollment with receipt number {receipt_no}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{file}：找不到该文件</source>
        <translation>{file}: no such file</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{file}：无法读取该文件（{detail}）</source>
        <translation>{file}: the file cannot be read ({detail})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{file}：第{row}行附近的文字既不是UTF-8也不是GBK/GB18030编码，请在Excel中另存为“CSV UTF-8”或.xlsx</source>
        <translation>{file}: the text near row {row} is neither UTF-8 nor GBK/GB18030; save it from Excel as &quot;CSV UTF-8&quot; or .xlsx</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{file}：第{row}行无法按CSV读取，请在Excel中另存为CSV或.xlsx</source>
        <translation>{file}: row {row} cannot be read as CSV; save the file from Excel as CSV or .xlsx</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{file}：不是可读取的Excel工作簿（可能已损坏或设置了密码），请另存为.xlsx或CSV</source>
        <translation>{file}: not a readable Excel workbook (damaged or password-protected?); save it as .xlsx or CSV</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{file}：文件中没有内容（第一个非空行应为表头）</source>
        <translation>{file}: the file is empty (the first non-blank row must be the header)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{file}：表头中“{first}”和“{second}”都是{column}列，请只保留一列</source>
        <translation>{file}: the header has &quot;{first}&quot; and &quot;{second}&quot;, both {column} columns; keep only one</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{file}：表头缺少必需的列：{columns}（可用的列名：{names}）</source>
        <translation>{file}: the header lacks the required column(s): {columns} (accepted names: {names})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{column}为空</source>
        <translation>{column} is empty</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{column}超过{limit}个字</source>
        <translation>{column} is longer than {limit} characters</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{column}被Excel转成了数字，末几位可能已丢失，请把该列设为文本格式后重新导出</source>
        <translation>{column}: Excel turned it into a number and its last digits may be lost; format the column as text and export again</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{column}“{value}”无法识别</source>
        <translation>{column} &quot;{value}&quot; is not recognised</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>{column}“{value}”无法识别（可用：{known}等）</source>
        <translation>{column} &quot;{value}&quot; is not recognised (use {known}...)</translation>
    </message>
    <message>
        <location line="-64"/>
        <source>缺少 {field}</source>
        <translation>{field} is missing</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>残疾儿童康复不填写 {field}</source>
        <translation>Child rehabilitation takes no {field}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>医保已结算金额（统筹 {basic}，大病 {critical}）超过政策范围内费用 {in_scope}</source>
        <translation>The amounts settled upstream (basic {basic}, critical {critical}) exceed the in-scope costs {in_scope}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>本地政策没有救助部门 {relief}（可填：{known}）</source>
        <translation>The local policy has no relief office {relief} (known: {known})</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>该人员在 {admitted} 没有有效的慢特病认定（{code}），不能按门诊慢特病结算</source>
        <translation>The person holds no special-disease registration ({code}) valid on {admitted}: the visit cannot be settled as special outpatient care</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{code} 不在本地政策的慢特病病种内（可填：{known}）</source>
        <translation>{code} is not a special disease of the local policy (known: {known})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>认定终止日期 {ended_on} 早于认定日期 {approved_on}</source>
        <translation>The registration&apos;s end {ended_on} is before its approval {approved_on}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已有 {approved_on} 起的 {code} 认定，期间重叠</source>
        <translation>A {code} registration from {approved_on} exists already and overlaps</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{on} 没有有效的 {code} 慢特病认定</source>
        <translation>No {code} registration holds on {on}</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>{column}“{value}”无法识别（应为{formats}）</source>
        <translation>{column} &quot;{value}&quot; is not recognised (write {formats})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{column}“{value}”不是有效日期</source>
        <translation>{column} &quot;{value}&quot; is not a valid date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{column}“{value}”不在1900至2099年之间</source>
        <translation>{column} &quot;{value}&quot; is not between 1900 and 2099</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>低保、低边人员必须填写户编号</source>
        <translation>Dibao and near-dibao persons need a household number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>退出日期{exited}早于认定日期{identified}</source>
        <translation>The exit date {exited} is before the identification date {identified}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>同一身份证号在文件中有不同的姓名（第{rows}行），该身份证号的各行均未导入</source>
        <translation>One ID number has different names in the file (rows {rows}); none of its rows was imported</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>同一身份证号各行的户编号、与户主关系、乡镇、村或联系电话不一致（第{rows}行），该身份证号的各行均未导入</source>
        <translation>The rows of one ID number disagree on household, relation, town, village or phone (rows {rows}); none of its rows was imported</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>同一身份证号、同一人员类别在第{rows}行出现且内容不一致，这些行均未导入</source>
        <translation>The same ID number and category appear on rows {rows} with different content; these rows were not imported</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>用户 {user}（{role}）无此权限，需要{required}权限</source>
        <translation>User {user} ({role}) may not do this: the {required} role is required</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>角色应为 {known} 之一，不是 {role}</source>
        <translation>The role must be one of {known}, not {role}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>用户名无效：{name}</source>
        <translation>Invalid user name: {name}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>密码至少 {minimum} 位</source>
        <translation>The password must have at least {minimum} characters</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>用户 {user} 已存在</source>
        <translation>User {user} exists already</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>没有用户 {user}</source>
        <translation>No user {user}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请先登录（--user 或 WINDOWDESK_USER）</source>
        <translation>Please log in first (--user or WINDOWDESK_USER)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>用户名或密码错误</source>
        <translation>Wrong user name or password</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>用户名或密码错误，账户已锁定 {minutes} 分钟</source>
        <translation>Wrong user name or password; the account is locked for {minutes} minutes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>密码连续错误 {failures} 次，账户锁定至 {until}</source>
        <translation>{failures} wrong passwords in a row: the account is locked until {until}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>新用户的密码来自 WINDOWDESK_NEW_PASSWORD（或终端提示输入）</source>
        <translation>The new user&apos;s password comes from WINDOWDESK_NEW_PASSWORD (or a prompt)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>数据库尚未初始化，请先运行 windowdesk init</source>
        <translation>The database is not initialised: run windowdesk init first</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>数据库文件 {path} 不存在</source>
        <translation>The database file {path} does not exist</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path} 中已有其他程序的数据表，不是本系统的数据库，未做任何更改</source>
        <translation>{path} holds another program&apos;s tables, not a windowdesk database; nothing was changed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>首次 init 需要 --window、--policy、--admin 和 WINDOWDESK_PASSWORD</source>
        <translation>The first init needs --window, --policy, --admin and WINDOWDESK_PASSWORD</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>管理员密码来自 WINDOWDESK_PASSWORD（或终端提示输入）</source>
        <translation>The admin&apos;s password comes from WINDOWDESK_PASSWORD (or a prompt)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>已初始化数据库的窗口编号不能更改（当前为 {window}）：票据号中含有它</source>
        <translation>The window id of an initialised database cannot change (it is {window}): receipt numbers carry it</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{clerk} 的 {day} 已日结，不能再办理业务</source>
        <translation>{clerk}&apos;s day {day} is closed: nothing more can be recorded on it</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{clerk} 的 {day} 已由 {closed_by} 于 {closed_at} 日结</source>
        <translation>{clerk}&apos;s day {day} was closed by {closed_by} at {closed_at}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{clerk} 的 {day} 已日结</source>
        <translation>{clerk}&apos;s day {day} is closed already</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{day} 尚未到来，不能日结</source>
        <translation>{day} has not begun: it cannot be closed</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>PostgreSQL 数据库请使用 pg_dump 备份</source>
        <translation>Back up a PostgreSQL database with pg_dump</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PostgreSQL 数据库请使用 pg_restore 恢复</source>
        <translation>Restore a PostgreSQL database with pg_restore</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path} 就是正在使用的数据库本身</source>
        <translation>{path} is the database in use itself</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>当前数据库可用，须由其管理员登录后恢复（--user）</source>
        <translation>The current database works: its admin must log in to restore (--user)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path} 不是本系统的数据库文件</source>
        <translation>{path} is not a windowdesk database file</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path} 未通过 SQLite 完整性检查（{detail}），未做任何更改</source>
        <translation>{path} fails SQLite&apos;s integrity check ({detail}); nothing was changed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path} 没有本系统的数据库版本（可能由其他程序生成），未做任何更改</source>
        <translation>{path} has no windowdesk schema revision (made by another program?); nothing was changed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path} 的数据库版本 {revision} 未知（可能由更新版本的程序生成），未做任何更改</source>
        <translation>{path} has the unknown schema revision {revision} (made by a newer windowdesk?); nothing was changed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path} 缺少数据表 {tables}，未做任何更改</source>
        <translation>{path} lacks the tables {tables}; nothing was changed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path} 的数据表 {table} 中有缺少上级记录的行，未做任何更改</source>
        <translation>{path} has rows without their parent in table {table}; nothing was changed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path} 的审计链在第 {seq} 条处断开，未做任何更改</source>
        <translation>The audit chain of {path} is broken at entry {seq}; nothing was changed</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>试算（--dry-run）不保存结算，不能打印结算单（--receipt）</source>
        <translation>A trial (--dry-run) saves no settlement, so no slip can be printed (--receipt)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>文件夹 {path} 不存在</source>
        <translation>The folder {path} does not exist</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>文件 {path} 不存在</source>
        <translation>The file {path} does not exist</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>无法读取文件 {path}（{detail}）</source>
        <translation>Cannot read the file {path} ({detail})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path} 不是有效的 JSON（{detail}）</source>
        <translation>{path} is not valid JSON ({detail})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>第 {line} 行不是有效的 JSON（{detail}）</source>
        <translation>Line {line} is not valid JSON ({detail})</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>请给出结算单号（或票据号），或用 --enrollment 给出参保票据号</source>
        <translation>Give a settlement number (or receipt number), or an enrollment receipt number with --enrollment</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>年度有误：{year}</source>
        <translation>Invalid year: {year}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{year} 年度封顶制结算须在该年度结束后（{opens} 起）办理</source>
        <translation>The {year} family-cap batch runs once the year is over (from {opens})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>政策 {name} 未规定家庭封顶制</source>
        <translation>The policy {name} sets no family cap</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请填写{label}</source>
        <translation>Please fill in {label}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{label}最多两位小数：{text}</source>
        <translation>{label} has more than two decimal places: {text}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{label}不是有效金额：{text}</source>
        <translation>{label} is not a valid amount: {text}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{period} 尚未结束（至 {last_day}），导出的数据包不完整；确认后方可导出</source>
        <translation>{period} is not over (it ends on {last_day}): its package would be incomplete; confirm to export it</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>期间应为 年-月（如 2024-03），不是 {value}</source>
        <translation>The period must be year-month (such as 2024-03), not {value}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未配置县级校验密钥，请管理员先用 windowdesk package set-key 设置县医保局下发的密钥</source>
        <translation>No county key is configured: an admin sets the key the county issued with windowdesk package set-key</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>县级密钥来自 WINDOWDESK_COUNTY_KEY、终端提示输入或标准输入</source>
        <translation>The county key comes from WINDOWDESK_COUNTY_KEY, a prompt or standard input</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>县级密钥应为十六进制字符</source>
        <translation>The county key must be hexadecimal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>县级密钥至少 {minimum} 位十六进制字符，实际为 {length} 位</source>
        <translation>The county key needs at least {minimum} hexadecimal digits; it has {length}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>县级校验密钥设置有误（应为十六进制），请重新设置</source>
        <translation>The county key setting is not hexadecimal: set the key again</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>无法写入导出目录 {path}（{detail}）</source>
        <translation>Cannot write the package into {path} ({detail})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>缺少数据包清单 {field}</source>
        <translation>The package manifest {field} is missing</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>数据包清单 {field} 无法读取（{detail}）</source>
        <translation>The package manifest {field} cannot be read ({detail})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{field} 不是数据包清单</source>
        <translation>{field} is not a package manifest</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>清单校验码（HMAC）不符：清单被改动过，或不是用本窗口的县级密钥签名的（数据包密钥 {key_id}，本窗口 {own_key_id}）</source>
        <translation>The manifest&apos;s HMAC does not match: the manifest was altered or signed with another key (package key {key_id}, this window&apos;s {own_key_id})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>清单列出了数据包以外的文件：{name}</source>
        <translation>The manifest names a file outside the package: {name}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>缺少文件 {name}</source>
        <translation>The file {name} is missing</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>文件 {name} 与清单的 SHA-256 不符：文件被改动过</source>
        <translation>The file {name} differs from the manifest&apos;s SHA-256: it was altered</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>{path} 不是结算明细文件，缺少列：{columns}</source>
        <translation>{path} is not a settlements file: it lacks the columns {columns}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path} 第 {row} 行 {column} 列有误</source>
        <translation>{path} row {row}: bad value in column {column}</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>--by 只用于 report coverage</source>
        <translation>--by is for report coverage only</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>report unenrolled 按整年统计，不接受 --month</source>
        <translation>report unenrolled covers a whole year: it takes no --month</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>报表年度有误：{year}</source>
        <translation>Not a report year: {year}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>报表月份应为 1 到 12，不是 {month}</source>
        <translation>The report month must be 1 to 12, not {month}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>没有名为“{name}”的报表</source>
        <translation>There is no report named &quot;{name}&quot;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不能按“{by}”分组（可按 类别、月份、乡镇、医院）</source>
        <translation>Cannot group by &quot;{by}&quot; (category, month, town or hospital)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{file}：没有这个政策文件或预置政策（预置政策：{known}）</source>
        <translation>{file}: no such policy file or preset (presets: {known})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{file}：无法读取政策文件（{detail}）</source>
        <translation>{file}: the policy file cannot be read ({detail})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{file}：政策文件不是 UTF-8 文本</source>
        <translation>{file}: the policy file is not UTF-8 text</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{file}：政策文件不是有效的 TOML（{detail}）</source>
        <translation>{file}: the policy file is not valid TOML ({detail})</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{file}：缺少 {field}</source>
        <translation>{file}: {field} is missing</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{file}：缺少表 [{field}]</source>
        <translation>{file}: the table [{field}] is missing</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{file}：{field} 应为表</source>
        <translation>{file}: {field} must be a table</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{file}：{field} 应为表数组（[[{field}]]）</source>
        <translation>{file}: {field} must be an array of tables ([[{field}]])</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{file}：{field} 应为非空文字</source>
        <translation>{file}: {field} must be non-empty text</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{file}：{field} 应为 true 或 false</source>
        <translation>{file}: {field} must be true or false</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{file}：{field} 应为日期（如 2024-01-01）</source>
        <translation>{file}: {field} must be a date (such as 2024-01-01)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{file}：{field} 应为不小于 {minimum} 的整数</source>
        <translation>{file}: {field} must be a whole number of at least {minimum}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{file}：{field} 的金额和比例应写成文字（&quot;0.85&quot;），不能写成 TOML 数字</source>
        <translation>{file}: {field}: write amounts and ratios as strings (&quot;0.85&quot;), not TOML numbers</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{file}：{field} 不是数字：{value}</source>
        <translation>{file}: {field} is not a number: {value}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{file}：{field} 不能为负数：{value}</source>
        <translation>{file}: {field} cannot be negative: {value}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{file}：{field} 比例应在 0 到 1 之间：{value}</source>
        <translation>{file}: {field} is a ratio outside 0 to 1: {value}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{file}：{field} 金额最多两位小数：{value}</source>
        <translation>{file}: {field} is an amount with more than two decimal places: {value}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{file}：{field} 应为 {what} 代码的列表</source>
        <translation>{file}: {field} must be a list of {what} codes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{file}：{field} 中的 {what} 无效：{value}（可用：{known}）</source>
        <translation>{file}: {field} holds an unknown {what}: {value} (known: {known})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{file}：{field} 不是可用的 {what}（可用：{known}）</source>
        <translation>{file}: {field} is not a known {what} (known: {known})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{file}：{field} 应为以下之一：{allowed}</source>
        <translation>{file}: {field} must be one of: {allowed}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{file}：{field} 早于 effective_from</source>
        <translation>{file}: {field} is before effective_from</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{file}：无法识别的键 {field}（此处可用：{known}）</source>
        <translation>{file}: unknown key {field} (known here: {known})</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{file}：{field} 应为小写英文代码（a-z、0-9、_），如 &quot;temporary&quot;：{value}</source>
        <translation>{file}: {field} must be a lower-case code (a-z, 0-9, _) such as &quot;temporary&quot;: {value}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{file}：{field}：救助部门 {value} 重复</source>
        <translation>{file}: {field}: the relief office {value} is given twice</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{file}：{field} 应至少列出一个 ICD-10 病种编码前缀</source>
        <translation>{file}: {field} must list at least one ICD-10 prefix</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{file}：{field} 应为非空列表，每项是含 up_to 和 ratio 的表</source>
        <translation>{file}: {field} must be a non-empty list of tables with up_to and ratio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{file}：{field}：只有最后一段可以不设上限</source>
        <translation>{file}: {field}: only the last segment may be open-ended</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{file}：{field}：分段顺序有误，{up_to} 不高于 {previous}</source>
        <translation>{file}: {field}: segments out of order, {up_to} is not above {previous}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{file}：{field}：最后一段不应设 up_to（不设上限）</source>
        <translation>{file}: {field}: the last segment must have no up_to (open-ended)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{file}：{field}：最多只能有一个 annual_excess 兜底</source>
        <translation>{file}: {field}: at most one annual_excess backstop</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{file}：{field}：键应为年度，如 &quot;2024&quot;</source>
        <translation>{file}: {field}: keys must be years such as &quot;2024&quot;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{file}：{field} 应为含 fund（名称）和 amount（如 &quot;130&quot; 或 &quot;all&quot;）的表</source>
        <translation>{file}: {field} must be a table with fund (a name) and amount (such as &quot;130&quot; or &quot;all&quot;)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{file}：{field} 应至少列出一个资助资金</source>
        <translation>{file}: {field} must name at least one fund</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>经办员</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>审核员</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>管理员</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <location line="-85"/>
        <source>密钥文件 {path} 无法读取或格式不对：请从保管处恢复该文件，或由管理员重新设置县级密钥</source>
        <translation>The key file {path} cannot be read or is not a key file: restore it from where it is kept, or have an admin set the county key again</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>无法写入密钥文件 {path}：{detail}</source>
        <translation>The key file {path} cannot be written: {detail}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path} 不是数据包文件夹：台账合并只接受经县级密钥校验的数据包，不接受未签名的 CSV</source>
        <translation>{path} is not a package folder: the ledger merge takes only packages verified under the county key, never an unsigned CSV</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不能把数据包解开到它自己的文件夹 {path}</source>
        <translation>A package cannot be opened into its own folder {path}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>文件 {name} 不是本系统加密的文件</source>
        <translation>The file {name} is not a file sealed by windowdesk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>文件 {name} 的加密格式是更新的版本，本系统打不开：请用新版本打开</source>
        <translation>The file {name} is sealed in a newer format this windowdesk cannot open: open it with a newer version</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>文件 {name} 的加密文件头已损坏</source>
        <translation>The header of the sealed file {name} is damaged</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>文件 {name} 解密校验未通过：文件被改动过或已损坏，或不是用这个密钥加密的</source>
        <translation>The sealed file {name} fails its authentication: it was altered or damaged, or sealed under another key</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>文件 {name} 不完整（被截断）</source>
        <translation>The sealed file {name} is incomplete (cut short)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>数据库 {path} 未通过完整性检查（{detail}），不做备份：请先恢复最近一个完好的备份</source>
        <translation>The database {path} fails its integrity check ({detail}); no backup is made of it: restore the last good backup first</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>备份要加密，但没有密钥：请管理员先设置县级密钥（windowdesk package set-key），或在 WINDOWDESK_BACKUP_PASSPHRASE 中给出备份口令</source>
        <translation>A backup is sealed, but there is no key: have an admin set the county key (windowdesk package set-key) or give a backup passphrase in WINDOWDESK_BACKUP_PASSPHRASE</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>备份文件 {path} 用口令加密：请在 WINDOWDESK_BACKUP_PASSPHRASE 中给出备份口令</source>
        <translation>The backup {path} is sealed with a passphrase: give it in WINDOWDESK_BACKUP_PASSPHRASE</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>备份文件 {path} 无法解开：文件已损坏，或密钥、口令不对</source>
        <translation>The backup {path} cannot be opened: it is damaged, or the key or passphrase is wrong</translation>
    </message>
    <message>
        <location line="-106"/>
        <source>密码不能为空或只有空格</source>
        <translation>The password cannot be empty or spaces only</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>密码不能是同一个字符或同一小段字符的重复（如 aaaaaaaa、abcabcab）</source>
        <translation>The password cannot be one character or a short group repeated (such as aaaaaaaa, abcabcab)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>密码不能是连续的字符（如 12345678、abcdefgh、87654321）</source>
        <translation>The password cannot be a run of characters (such as 12345678, abcdefgh, 87654321)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>密码不能是用户名加数字或符号</source>
        <translation>The password cannot be the user name with digits or signs added</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>这是常用密码，很容易被猜中，请换一个</source>
        <translation>This is a commonly used password, easily guessed: choose another</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>新密码不能与当前密码相同</source>
        <translation>The new password must differ from the current one</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>两次输入的新密码不一致</source>
        <translation>The two new passwords typed differ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{user} 是唯一可用的管理员，不能停用</source>
        <translation>{user} is the only active admin and cannot be disabled</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>本窗口的政策（{source}）尚未存入数据库，请管理员重新设置政策（windowdesk init --policy）</source>
        <translation>This window&apos;s policy ({source}) is not stored in the database: an admin must set the policy again (windowdesk init --policy)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>数据库中保存的政策 {policy} 与其校验值（{hash}…）不符，已被改动：请管理员重新设置政策</source>
        <translation>The policy {policy} stored in the database does not match its hash ({hash}…): it was altered; an admin must set the policy again</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>政策 {policy} 已于 {effective_to} 结束执行：此后出院的就诊不能按它结算</source>
        <translation>The policy {policy} ended on {effective_to}: visits discharged after that day cannot be settled by it</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>政策 {policy} 将于 {effective_to} 结束执行，请及时更新政策</source>
        <translation>The policy {policy} ends on {effective_to}: set its successor in time</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>政策 {policy} 自 {effective_from} 起执行：此前出院的就诊不能按它结算</source>
        <translation>The policy {policy} begins on {effective_from}: visits discharged before that day cannot be settled by it</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>没有名为 {key} 的设置（可设置：{known}）</source>
        <translation>There is no setting {key} (settings: {known})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{setting}不能在这里更改</source>
        <translation>The {setting} cannot be changed here</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{setting}应为以下之一：{allowed}</source>
        <translation>The {setting} must be one of: {allowed}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{setting}应为 {minimum} 到 {maximum} 之间的整数</source>
        <translation>The {setting} must be a whole number from {minimum} to {maximum}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{setting}应为不超过 {max_length} 个字的文字（不能为空或含控制字符）</source>
        <translation>The {setting} must be text of at most {max_length} characters (not empty, no control characters)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{setting}应为完整的文件夹路径（从盘符或 / 开始），不是 {path}</source>
        <translation>The {setting} must be a full folder path (from a drive letter or /), not {path}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>请给出备份文件（backup 文件名）或用 --auto 做当天的备份（--dir、--keep 只用于 --auto）</source>
        <translation>Give the backup file (backup FILE) or use --auto for the day&apos;s backup (--dir and --keep go with --auto only)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>无法使用备份文件夹 {path}（{detail}）</source>
        <translation>The backup folder {path} cannot be used ({detail})</translation>
    </message>
    <message>
        <location line="+141"/>
        <source>窗口编号</source>
        <translation>window id</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>窗口名称</source>
        <translation>window name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>本地政策</source>
        <translation>region policy</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>政策校验值</source>
        <translation>policy hash</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>票据号前缀</source>
        <translation>receipt number prefix</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>票据纸张</source>
        <translation>receipt paper</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>默认打印机</source>
        <translation>default printer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>界面语言</source>
        <translation>window language</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>备份文件夹</source>
        <translation>backup folder</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>保留备份份数</source>
        <translation>number of backups kept</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>县级密钥</source>
        <translation>county key</translation>
    </message>
    <message>
        <location line="-290"/>
        <source>{field} 含有控制字符（如 NUL），请删除后重试</source>
        <translation>{field} holds a control character (such as NUL): remove it and try again</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{field} 过长：{length} 个字符，最多 {limit} 个</source>
        <translation>{field} is too long: {length} characters, at most {limit}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>{field} 金额超出范围（上限 {maximum}）：{value}</source>
        <translation>{field} is out of range (at most {maximum}): {value}</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>{file}：{part} 解压后超过 {maximum} 字节，不予读取（请删去花名册以外的内容，或另存为CSV）</source>
        <translation>{file}: {part} is larger than {maximum} bytes uncompressed and is not read (remove what is not roster, or save it as CSV)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{file}：{part} 解压后是压缩时的 {ratio} 倍（上限 {maximum} 倍），可能是恶意文件，不予读取</source>
        <translation>{file}: {part} inflates to {ratio} times its compressed size (at most {maximum}): possibly a hostile file, not read</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{file}：工作表超过 {maximum} 行</source>
        <translation>{file}: the sheet has more than {maximum} rows</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{column}含有控制字符（如 NUL）</source>
        <translation>{column} holds a control character (such as NUL)</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>{path} 已存在，不会覆盖文件（要替换请加 --force）</source>
        <translation>{path} exists already: it is not overwritten (--force replaces it)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path} 是正在使用的数据库（或其 -wal/-shm/-journal 文件），不能写入</source>
        <translation>{path} is the live database (or its -wal/-shm/-journal file): it is never written</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path} 是文件夹，请给出文件名</source>
        <translation>{path} is a folder: give a file name</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{path} 超过 {maximum} 字节，不是就诊文件</source>
        <translation>{path} is larger than {maximum} bytes: not a case file</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path} 的 JSON 嵌套超过 {maximum} 层</source>
        <translation>{path}: the JSON nests deeper than {maximum} levels</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>第 {line} 行超过 {maximum} 字节</source>
        <translation>Line {line} is longer than {maximum} bytes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>第 {line} 行不是 UTF-8 文字</source>
        <translation>Line {line} is not UTF-8 text</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>第 {line} 行是空行（每行应为一个 JSON 对象）</source>
        <translation>Line {line} is blank (each line holds one JSON object)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>第 {line} 行的 JSON 嵌套超过 {maximum} 层</source>
        <translation>Line {line}: the JSON nests deeper than {maximum} levels</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{field} 应在 1 至 {maximum} 之间：{value}</source>
        <translation>{field} must be from 1 to {maximum}: {value}</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>{file}：政策文件超过 {maximum} 字节</source>
        <translation>{file}: the policy file is larger than {maximum} bytes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{file}：政策文件的数组或表嵌套过深</source>
        <translation>{file}: the policy file nests arrays or tables too deep</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>{file}：{field} 超过金额上限 {maximum}：{value}</source>
        <translation>{file}: {field} is above the largest amount, {maximum}: {value}</translation>
    </message>
    <message>
        <location line="-143"/>
        <source>请填写窗口编号</source>
        <translation>Enter the window id</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请填写窗口名称</source>
        <translation>Enter the window name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>两次输入的密码不一致</source>
        <translation>The two passwords differ</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>数据包清单 {field} 超过 {maximum} 字节，不是本系统生成的清单</source>
        <translation>The package manifest {field} is larger than {maximum} bytes: not a manifest windowdesk wrote</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>数据包清单 {field} 的 JSON 嵌套超过 {maximum} 层，不是本系统生成的清单</source>
        <translation>The package manifest {field} nests its JSON deeper than {maximum} levels: not a manifest windowdesk wrote</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>SQLite 完整性检查未通过：{detail}</source>
        <translation>SQLite&apos;s integrity check fails: {detail}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>数据库文件无法读取（{detail}）：文件已损坏或不是数据库</source>
        <translation>The database file cannot be read ({detail}): it is damaged or not a database</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>数据表 {table} 第 {rowid} 行在 {parent} 表中没有对应的上级记录</source>
        <translation>Row {rowid} of table {table} has no {parent} row it belongs to</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>缺少数据表 {table}</source>
        <translation>The table {table} is missing</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>数据库中没有数据库版本记录（alembic_version 为空）</source>
        <translation>The database records no schema revision (alembic_version is empty)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>数据库版本 {revision} 未知（本程序的版本为 {head}），可能由更新版本的程序生成</source>
        <translation>The schema revision {revision} is unknown (this windowdesk&apos;s is {head}); a newer version may have made it</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>第 {entries} 条审计记录缺失（已被删除）</source>
        <translation>Audit entries missing (deleted): {entries}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>第 {seq} 条审计记录的序号不对（此处应为第 {expected} 条）</source>
        <translation>Audit entry {seq} is out of sequence (expected {expected})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>第 {seq} 条审计记录接不上第 {previous} 条（记录被调换、插入或伪造）</source>
        <translation>Audit entry {seq} does not link to entry {previous} (reordered, inserted or forged)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>第 {seq} 条审计记录与其哈希值不符（已被改动）</source>
        <translation>Audit entry {seq} does not match its hash (edited)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>第 {seq} 条审计记录的校验码（MAC）不是本机审计密钥所生成（审计链在没有密钥的情况下被改写）</source>
        <translation>Audit entry {seq} does not carry the audit key&apos;s MAC (the chain was rewritten without the key)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>第 {seq} 条审计记录没有校验码（MAC），而审计链自第 {sealed_from} 条起已用密钥封存（在没有密钥的情况下被改写）</source>
        <translation>Audit entry {seq} has no MAC although the chain is sealed from entry {sealed_from} (rewritten without the key)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>有 {entries} 条审计记录已用审计密钥封存，但本机没有审计密钥（{path}），无法核对其校验码</source>
        <translation>{entries} audit entries are sealed but this machine has no audit key ({path}): their MACs cannot be checked</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>审计链是用审计密钥 {key_id} 封存的，本机密钥文件中的是 {own_key_id}</source>
        <translation>The audit chain was sealed under audit key {key_id}; this machine&apos;s key file holds {own_key_id}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>审计链头有误（审计记录到第 {last} 条）：{head_state}</source>
        <translation>The audit chain&apos;s head is wrong (the entries end at {last}): {head_state}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>审计链头的校验码（MAC）不是本机审计密钥所生成（审计链在没有密钥的情况下被截短或改写）</source>
        <translation>The audit chain&apos;s head does not carry the audit key&apos;s MAC (the chain was cut back or rewritten without the key)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>数据表 {table} 中的 {row} 与第 {seq} 条审计记录不符（在本系统之外被改动）</source>
        <translation>{row} in table {table} no longer matches audit entry {seq} (edited outside windowdesk)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>第 {seq} 条审计记录所记的数据表 {table} 中的 {row} 已不存在（被删除）</source>
        <translation>{row} in table {table}, recorded by audit entry {seq}, is missing (deleted)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>用户 {name} 没有任何审计记录（在本系统之外添加）</source>
        <translation>User {name} is recorded by no audit entry (added outside windowdesk)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>另有 {count} 个问题未列出</source>
        <translation>{count} more problems not listed</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>链头行缺失</source>
        <translation>its row is missing</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>链头所记的条数多于现有的审计记录，末尾的记录已被删除</source>
        <translation>it records more entries than there are: entries at the end were deleted</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>链头之后又有审计记录，不是本系统添加的</source>
        <translation>entries were added after it (not by windowdesk)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>链头的哈希值与最后一条审计记录不符</source>
        <translation>its hash does not match the last entry</translation>
    </message>
</context>
<context>
    <name>reports</name>
    <message>
        <location filename="../../src/windowdesk/wording/reports.py" line="+16"/>
        <source>综合保障率统计表</source>
        <translation>Comprehensive coverage rate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>目录外费用占比统计表</source>
        <translation>Out-of-catalogue share</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>因病致贫返贫监测名单</source>
        <translation>Monitoring list (poverty through illness)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>参保资助与结算台账</source>
        <translation>Ledger of enrollments and settlements</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>应保未保人员名单</source>
        <translation>Subsidised persons not enrolled</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>分组</source>
        <translation>Group</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>人员类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>月份</source>
        <translation>Month</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>乡镇</source>
        <translation>Town</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>村（社区）</source>
        <translation>Village</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>医疗机构</source>
        <translation>Hospital</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>医院等级</source>
        <translation>Hospital level</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>结算人次</source>
        <translation>Settlements</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>医疗总费用</source>
        <translation>Total cost</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>政策范围内费用</source>
        <translation>In-scope cost</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>目录外费用</source>
        <translation>Out-of-catalogue cost</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>基本医保</source>
        <translation>Basic</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>大病保险</source>
        <translation>Critical illness insurance</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>医疗救助</source>
        <translation>Medical assistance</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>补充保险</source>
        <translation>Supplementary</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>其他救助</source>
        <translation>Other relief</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>兜底保障</source>
        <translation>Backstop</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>报销合计</source>
        <translation>Total reimbursed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>个人自付</source>
        <translation>Patient pays</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>综合保障率</source>
        <translation>Coverage rate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>政策范围内报销比例</source>
        <translation>In-scope rate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>低于目标</source>
        <translation>Under target</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>目录外费用占比</source>
        <translation>Share</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>控制标准</source>
        <translation>Limit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>超标</source>
        <translation>Over</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>户号</source>
        <translation>Household</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>监测类型</source>
        <translation>Rule</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>监测标准</source>
        <translation>Threshold</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>年度个人自付</source>
        <translation>Self-pay of the year</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>达到标准的出院日期</source>
        <translation>Crossed on (discharge)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>结算单号</source>
        <translation>Settlement id</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>认定日期</source>
        <translation>Identified on</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>参保人数</source>
        <translation>Enrollments</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>应缴保费</source>
        <translation>Contributions</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>资助</source>
        <translation>Subsidies</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>个人缴费</source>
        <translation>Paid by persons</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>合计</source>
        <translation>All</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>目标</source>
        <translation>Target</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>是</source>
        <translation>yes</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>否</source>
        <translation>no</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>制表时间</source>
        <translation>Made at</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>统计期间</source>
        <translation>Period</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>政策</source>
        <translation>Policy</translation>
    </message>
</context>
</TS>
