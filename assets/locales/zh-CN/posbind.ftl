# posbind — 简体中文消息。这里的每个 id 都必须在 en/posbind.ftl 中存在。

app-name = posbind
header-demo = 演示模式（模拟终端）
header-lang = 中文 (F2: English)
size-too-small = posbind 需要至少 80x24 的终端窗口，当前为 { $cols }x{ $rows }。请把窗口调大。
list-separator = 、

## 按键与操作（提示栏和帮助）
key-f1 = F1
key-f2 = F2
key-next = PgDn
key-back = Esc
key-esc = Esc
key-enter = Enter
key-up = 上
key-down = 下
key-plus = +/上
key-minus = -/下
key-tab = Tab
key-backtab = Shift-Tab
key-q = q
key-ctrl-c = Ctrl-C
act-help = 帮助
act-next = 下一步
act-back = 返回
act-cancel = 取消
act-confirm = 确认
act-up = 上移
act-down = 下移
act-select = 选择
act-increase = 增加
act-decrease = 减少
act-focus = 焦点
act-focus-back = 反向切换焦点
act-lang = English
header-lang-ascii = 中文 (F2: English)
act-lang-ascii = English
act-quit = 退出
act-force-quit = 立即退出（所有内容已保存）

## 帮助
help-title = 帮助：{ $step }
help-keys = 按键
help-close = 按 F1 或 Esc 关闭帮助。

## 步骤
step-case-title = 工单
step-case-summary = 新建或继续一个商户工单
step-case-explain = 每个商户是一个工单。输入的内容会立即保存，随时可以中断，下次从中断处继续。
help-case = 选择“新建工单”并输入商户的登记名称，或选择已有工单从上次的步骤继续。
    工单保存在本机，外勤安装人员可以同时管理多个工单。
    随时按 F2 切换语言。

step-pos-type-title = POS 类型
step-pos-type-summary = 选择适合经营场景的机具
step-pos-type-explain = 选择商户的收款场景，posbind 会推荐适合的机具类型并列出优缺点。
help-pos-type = 1. 用上/下键和 Enter 选择经营场景。
    2. 选择推荐的机具类型（第一个最合适），按 Enter 确认。
    3. 用 + 和 - 设置台数。
    警惕低价机具中暗藏押金或“激活费”的套路。

step-materials-title = 材料
step-materials-summary = 准备并核对材料
step-materials-explain = 商户类型决定需要哪些材料。关键信息在输入时即校验，缺少的材料会逐项列出。
help-materials = 根据商户类型，需要营业执照、法定代表人/经营者身份证、结算账户和门店照片等材料。

step-institution-title = 机构
step-institution-summary = 选择收单机构
step-institution-explain = 按费率、押金、各项费用、结算速度和审核时间比较收单机构。银行凭银行业许可开展收单；非银行支付机构须持有支付业务许可证。
help-institution = 非银行支付机构须持有支付业务许可证：请在人民银行公布的名单中核对其编号。银行业金融机构凭银行业许可开展收单，没有支付业务许可证编号。结算资金必须直接进入商户同名账户。

step-application-title = 申请
step-application-summary = 填写并提交申请
step-application-explain = 申请表根据工单自动填写。按真实主营业务选择商户类别码（MCC），然后在线提交或邮寄。
help-application = 提交后不可撤回：申请材料包写入工单的发件箱，并按工作日估算审核完成时间。

step-review-title = 审核
step-review-summary = 跟踪审核结果
step-review-explain = 录入审核结果：通过时录入商户编号（MID）、终端号（TID）和激活信息；驳回时录入原因。
help-review = 被驳回的申请返回材料步骤，修改后作为新版本重新提交。

step-contract-title = 合同
step-contract-summary = 确认条款和每一项费用
step-contract-explain = 将约定条款与机构报价逐项对比。每项费用都需要明确同意，报价中没有的费用会被标出。
help-contract = 逐项阅读费用。首刷收取押金、流量费、“保险费”是常见陷阱。

step-binding-title = 绑定
step-binding-summary = 记录五要素绑定信息
step-binding-explain = 终端序列号与收单机构代码、商户编号、统一社会信用代码和结算账户绑定，并登记布放地址和地理位置（银发〔2021〕259号）。
help-binding = 一机一户：已绑定到其他工单的序列号会被拒绝。移机须先向收单机构申请，并重新登记布放地址和位置；不允许跨省移机。经纬度按“纬度, 经度”填写（如 22.5431, 113.9360，可从手机地图复制）。

step-activation-title = 激活
step-activation-summary = 连接并激活终端
step-activation-explain = 连接终端，核对机身标签上的序列号，然后执行激活流程。
help-activation = 选择串口，演示模式下选择模拟终端。序列号不一致说明设备不对，请停止操作。
    国内终端的激活是从收单机构的 TMS 下载参数和密钥，然后签到。对应的 ZVT 步骤：Set Terminal-ID → 写入终端号；Initialisation（终端从主机获取参数和密钥）→ 参数及密钥下载（初始化）；Diagnosis（与主机往返一次）→ 签到/联机检测（诊断）。通过收单机构自己的收银接口驱动的终端会自行完成这些步骤。

step-test-title = 测试
step-test-summary = 验证终端可用
step-test-explain = 定时循环执行测试交易，统计成功率和耗时。测试消费一律自动冲正。
help-test = 连通性测试无需银行卡；消费测试需要测试卡，完成后自动撤销。每笔测试消费在发送前都会写入待撤销记录文件；未能撤销（或结果未知）的消费会以红色显示凭证号和金额，下次 posbind 连接该终端时会再次撤销，并可用 `posbind pending list` 查看。终端拒绝撤销的消费需办理退款，然后用 `posbind pending ack 编号` 确认接手。按 x 会在当前消费撤销后停止；连按两次 Ctrl-C 立即退出（待撤销记录文件会保留可能遗留的消费）。

step-training-title = 培训
step-training-summary = 学习日常操作
step-training-explain = 消费、冲正、退货、结算和重打印，以及出现问题时的处理方法。
help-training = 商户掌握一项后勾选一项。

step-go-live-title = 上线
step-go-live-summary = 汇总、报告与上线
step-go-live-explain = 查看汇总信息，打印激活报告，并记下维护提醒和安全提示。
help-go-live = 不要向来电者提供短信验证码，也不要邮寄机具办理“免费换机”：这是已知的诈骗手法。只有当该终端不再有未了结的测试消费时（见 `posbind pending list`）才会生成报告。


## 工单步骤
case-current = 当前工单：{ $merchant }（{ $id }）
case-none-open = 尚未打开工单。请新建或在下方选择一个。
case-list-heading = 工单列表
case-new = + 新建工单
case-demo-tag = {" "}[演示]
case-name-label = 商户名称：
case-problems = 有 { $count } 个工单文件无法读取，已跳过；运行“posbind cases list”查看详情。

## POS 类型步骤
pos-scenario-heading = 经营场景
pos-types-heading = 推荐机具（按合适程度排序）
pos-pro = + { $text }
pos-con = - { $text }
pos-count-label = 机具台数：
pos-count-value = {" "}< { $count } >{" "}

## 提示
notice-missing = 继续之前请先完成：{ $items }。
notice-step-locked = 尚未到达该步骤：请先完成前面的步骤。
missing-case = 新建或打开一个工单
missing-merchant-name = 商户名称为空
invalid-merchant-name-long = 商户名称超过 100 个字符
invalid-merchant-name-control = 商户名称包含控制字符或文字方向字符
missing-pos-type = 选择机具类型
missing-scenario = 选择经营场景
missing-device-count = 机具台数须为 1 到 99

## 文件
store-error-io = 无法访问 { $path }：{ $error }
store-error-damaged = 工单文件 { $path } 已损坏，已跳过（{ $error }）。
store-error-version = 工单文件 { $path } 由其他版本的 posbind 写入（文件版本 { $version }），已跳过。
store-error-not-found = 没有编号为“{ $id }”的工单。
error-no-data-dir = 找不到当前用户的数据目录；请使用 --data-dir DIR 指定。
error-not-a-terminal = 向导需要交互式终端；脚本请使用子命令（见 posbind --help）。

## cases 命令
cases-none = 还没有工单。
cases-deleted = 已删除工单 { $id }。
cases-delete-confirm = 删除工单 { $id } 及其全部文件？[y/N]
cases-delete-cancelled = 未删除任何内容。
cases-delete-needs-yes = 未确认，不删除：请加上 --yes。
field-case-id = 工单
field-merchant = 商户
field-step = 步骤
field-created = 创建时间
field-updated = 更新时间
field-pos-type = POS 类型

## ZVT 代码（zvt-rc：结果码，zvt-ts：终端状态，zvt-is：中间状态，zvt-ds：设备状态）
zvt-rc-00 = 成功（代码 00）
zvt-rc-05 = 发卡行或主机拒绝交易（代码 05）
zvt-rc-6c = 已中止：超时或按了取消键（代码 6C）
zvt-rc-6f = 币种错误（代码 6F）
zvt-rc-7d = 通讯错误（代码 7D）
zvt-rc-83 = 功能不可用（代码 83）
zvt-rc-9a = ZVT 协议错误（代码 9A）
zvt-rc-a0 = 接收方未就绪（代码 A0）
zvt-rc-a1 = 远端主机无响应（代码 A1）
zvt-rc-a3 = 无连接（代码 A3）
zvt-rc-b4 = 已冲正（代码 B4）
zvt-rc-b5 = 无法冲正（代码 B5）
zvt-rc-c2 = 需要诊断（代码 C2）
zvt-rc-c8 = 金额过小（代码 C8）
zvt-rc-e4 = 需要激活（代码 E4）
zvt-rc-f0 = 有未结算的批次（代码 F0）
zvt-rc-ff = 系统错误（代码 FF）
zvt-rc-unknown = 结果码 { $code }（posbind 未收录）
zvt-rc-05-remedy = 换一张卡，或请持卡人联系发卡银行。
zvt-rc-6c-remedy = 重新发起交易，并及时插卡或挥卡。
zvt-rc-6f-remedy = 检查终端设置的币种（人民币为 156）。
zvt-rc-7d-remedy = 检查终端与主机之间的线缆或网络，然后重试。
zvt-rc-83-remedy = 终端当前无法执行该功能；请查询终端状态或咨询收单机构。
zvt-rc-9a-remedy = 重启终端后重试；如反复出现，请将日志提交给技术支持。
zvt-rc-a0-remedy = 稍等片刻后重试。
zvt-rc-a1-remedy = 主机无应答：检查终端的网络（SIM 卡、网线、Wi-Fi）。
zvt-rc-a3-remedy = 终端无法连接主机：检查网络设置。
zvt-rc-b4-remedy = 无需处理：该笔交易已冲正。
zvt-rc-b5-remedy = 请通过退货处理或联系收单机构，并记下凭证号。
zvt-rc-c2-remedy = 请在终端上执行诊断。
zvt-rc-c8-remedy = 请使用更大的测试金额。
zvt-rc-e4-remedy = 请执行激活流程（设置终端号、初始化、诊断）。
zvt-rc-f0-remedy = 请先执行日结，再重试。
zvt-rc-ff-remedy = 记下扩展错误信息（如有），重启终端并联系收单机构。
zvt-ts-00 = 就绪
zvt-ts-51 = 需要初始化
zvt-ts-62 = 日期/时间不正确
zvt-ts-9c = 请稍候
zvt-ts-c2 = 需要诊断
zvt-ts-df = 故障停用
zvt-ts-e4 = 需要激活
zvt-ts-f0 = 需要日结对账
zvt-ts-unknown = 终端状态 { $code }
zvt-is-00 = 等待确认金额
zvt-is-01 = 请看密码键盘
zvt-is-02 = 请看密码键盘
zvt-is-03 = 不受理
zvt-is-04 = 等待主机响应
zvt-is-05 = 正在发送自动冲正
zvt-is-06 = 正在发送补登交易
zvt-is-07 = 不接受此卡
zvt-is-08 = 未知卡片
zvt-is-09 = 卡片已过期
zvt-is-0a = 请插卡
zvt-is-0b = 请取卡
zvt-is-0c = 无法读卡
zvt-is-0d = 处理错误
zvt-is-0e = 请稍候
zvt-is-0f = 正在自动日结
zvt-is-10 = 无效卡
zvt-is-11 = 余额显示
zvt-is-12 = 系统故障
zvt-is-13 = 无法支付
zvt-is-14 = 余额不足
zvt-is-15 = 密码错误
zvt-is-16 = 额度不足
zvt-is-17 = 请稍候
zvt-is-18 = 密码错误次数超限
zvt-is-19 = 卡片数据错误
zvt-is-1a = 维护模式
zvt-is-1b = 已批准，请加油
zvt-is-1c = 已批准，请取货
zvt-is-1d = 交易拒绝
zvt-is-unknown = 终端提示 { $code }
zvt-ds-00 = 就绪
zvt-ds-01 = 需要初始化
zvt-ds-02 = 未装载密钥
zvt-ds-03 = 疑似欺诈（已锁定）
zvt-ds-unknown = 设备状态 { $code }

## 与终端通讯
client-error-t3 = 终端未在规定时间内确认指令（T3）。请检查线缆、端口和波特率。
client-error-t4 = 终端未在规定时间内完成指令（T4）。
client-error-nak = 终端拒收了每一次发送（共 { $attempts } 次，NAK）。请检查线缆和波特率。
client-error-no-ack = 发送 { $attempts } 次后仍未收到终端确认。终端是否已开机并连接？
client-error-rejected = 终端拒绝了该指令。
client-error-aborted = 终端中止了该指令。{ $text }
client-error-disconnected = 与终端的连接已断开。
client-error-io = 通讯错误：{ $error }
client-error-protocol = 无法解析终端的应答：{ $what }
open-error-not-found = { $port } 处没有设备。请检查线缆和端口名称（“posbind ports”可列出端口）。
open-error-permission = 没有权限打开 { $port }。在 Linux 上请把当前用户加入 dialout 组（sudo usermod -aG dialout $USER）并重新登录。
open-error-busy = { $port } 正被其他程序占用。请关闭该程序后重试。
open-error-connect = 无法连接 { $port }：{ $error }
open-error-other = 无法打开 { $port }：{ $error }
error-bad-port = “{ $port }”不是有效端口：请使用设备路径（/dev/ttyUSB0、COM3）、tcp://主机:端口 或 sim。
error-bad-password = 终端密码必须是 6 位数字。
error-sim-config = 模拟终端设置：{ $error }
error-sim-start = 无法启动模拟终端：{ $error }
error-sim-without-sim = --sim 设置只能与 --port sim 一起使用。
ports-none = 未找到串口。USB 串口线是否已插好？
ports-error = 无法列出串口：{ $error }
simulate-running = 模拟终端正在运行；按 Ctrl-C 停止。
simulate-ended = 模拟终端已停止（{ $why }）。
field-port = 端口
field-serial-number = 序列号
field-device-name = 设备名称
field-software-version = 软件版本
field-tid = 终端号
field-status = 状态
field-device-state = 设备状态

## 校验（posbind check 和向导中的字段）
check-verdict-valid = 有效：{ $value }
check-verdict-warning = 有效，但请确认：{ $value }
check-verdict-invalid = 无效：{ $value }
check-credit-code-old-registration = 这是旧的 15 位注册号：仅个体工商户可以接受（企业注册号自 2018 年 1 月 1 日起停止使用），请与营业执照核对。
check-credit-code-length = 统一社会信用代码为 18 位，当前为 { $count } 位。
check-credit-code-char = 统一社会信用代码中不会出现“{ $char }”（不使用字母 I、O、S、V、Z）。
check-credit-code-pilot = 校验位不符，但这像是早期试点代码（福建，标准发布前颁发）：请与营业执照核对。
check-credit-code-checksum = 校验位不符：可能有字符输错。
check-credit-code-prefix = 代码以 { $prefix } 开头，而不是 91（企业）、92（个体工商户）或 93（农民专业合作社）：确认这是商户本身的代码吗？
check-id-old-15 = 这是旧的 15 位身份证号：请输入现行身份证上的 18 位号码。
check-id-format = 身份证号由 17 位数字和 1 位数字或 X 组成。
check-id-region = 身份证号以 { $code } 开头，不是有效的省级代码。
check-id-birth-date = 身份证号中的出生日期不是有效日期（或在未来）。
check-id-birth-old = 身份证号中的出生年份早于 1900 年：请与身份证核对。
check-id-checksum = 最后一位校验码不符：可能有数字输错。
check-id-validity-format = 请按 YYYY-MM-DD 输入有效期截止日，或输入“长期”。
check-id-expired = 身份证已过期：需要有效的身份证。
check-mobile = 不是有效的大陆手机号（11 位，以 13～19 开头）。
check-card-format = 银行卡号为 16 到 19 位数字。
check-card-unionpay-luhn = 卡号校验位不符；部分真实的银联卡也是如此：请与卡面核对。
check-card-luhn = 卡号校验位不符：可能有数字输错。
check-account-format = 对公账号为 8 到 32 位数字。
check-branch-format = 联行号为 12 位数字。
check-licence-format = 不符合支付业务许可证编号格式（Z2 + 4 位数字 + 省份代码 + 0000 + 2 位数字）。
check-licence-confirm-list = 格式正确；请在人民银行公布的持牌机构名单中核实该编号。
check-mid-format = 商户编号（MID）为 15 位数字。
check-mid-mcc = MID 第 8–11 位为 { $found }，而所选 MCC 为 { $mcc }：可能存在跳码（商户类别不符），请向收单机构确认。
check-tid-format = 终端号为 8 位数字。

## 资料录入步骤的通用词和按键
yes = 是
no = 否
optional = 可选
yuan = 元
key-c = c
key-delete = Del
key-s = s
act-confirm-warning = 确认提示
act-remove = 移除文件
act-sort = 切换排序
error-bad-catalog = 机构目录 { $path } 无法使用：{ $error }
error-bad-calendar = 节假日日历 { $path } 无法使用：{ $error }

## 材料
merchant-type-company = 企业
merchant-type-sole = 个体工商户
merchant-type-micro = 小微商户
account-type-company = 对公账户
account-type-personal = 对私（个人借记卡）
field-m-merchant-type = 商户类型
field-m-credit-code = 统一社会信用代码
field-m-legal-rep-name = 法定代表人/经营者
field-m-id-number = 身份证号
field-m-id-valid-until = 身份证有效期至
field-m-mobile = 手机号
field-m-address = 经营地址
field-m-account-type = 结算账户
field-m-bank-name = 开户银行
field-m-branch-code = 联行号
field-m-account-number = 账号/卡号
field-m-holder-name = 账户名
field-m-agent = 由经办人办理
hint-m-merchant-type = 按 Enter 在企业、个体工商户、小微商户之间切换：它决定材料清单。
hint-m-credit-code = 营业执照上的 18 位统一社会信用代码。
hint-m-legal-rep-name = 与身份证上一致。
hint-m-id-number = 18 位身份证号；界面上脱敏显示。
hint-m-id-valid-until = 身份证国徽面的有效期截止日（YYYY-MM-DD），或“长期”。
hint-m-mobile = 法定代表人或经营者的手机号。
hint-m-address = 经营所在地（也是默认的布放地址）。
hint-m-account-type = 企业 → 对公账户；个体工商户 → 对公账户或对私（个人借记卡）；小微 → 对私（个人借记卡）。
hint-m-bank-name = 结算账户的开户银行。
hint-m-branch-code = 开户网点的 12 位联行号（见账户信息）。
hint-m-account-number = 结算账号或卡号；界面上脱敏显示。
hint-m-holder-name = 账户上的户名。户名与商户（银行卡则与经营者）不一致时，需要授权书和收款人身份证。
hint-m-agent = 由经办人办理时，需要经办人身份证和授权书。
materials-complete = 材料已齐全。
materials-missing = 还缺 { $count } 项；按 PgDn 查看清单。
materials-confirm-hint = 核对证件后按 c 确认。
materials-doc-hint = Enter：输入扫描件或照片的路径（PNG、JPEG、WebP 或 PDF）；Del 移除。将记录文件大小和 SHA-256。
missing-confirm = 确认：{ $field }
text-too-long = 内容过长：最多 { $max } 个字符。
text-unsafe-character = 包含控制字符或文字方向字符（如 ESC、BEL 或 U+202E），请重新输入。
rule-company-needs-company-account = 企业必须结算到本企业名下的对公账户。
rule-micro-needs-personal-card = 小微商户结算到经营者本人的银行卡。
file-missing = { $path } 处没有文件。
file-not-a-file = { $path } 不是文件。
file-unreadable = 无法读取 { $path }。
file-wrong-kind = { $path } 不是图片（PNG、JPEG、WebP）或 PDF。
file-empty = { $path } 是空文件。

## 机构
institution-sample-data = 样例数据，并非真实报价。
institution-sorted-by = 按{ $order }排序（按 s 切换）。按 Enter 选择。
sort-catalog = 目录顺序
sort-debit = 借记卡费率
sort-credit = 贷记卡费率
sort-upfront = 押金和费用
sort-review = 审核时间
col-name = 机构
col-debit = 借记
col-credit = 贷记
col-deposit = 押金
col-data-fee = 流量费/年
col-settlement = 结算
col-review = 审核天数
institution-no-licence = 未提供
institution-detail = 许可证：{ $licence } | 借记封顶 { $cap } 元 | 结算 { $settlement } | 服务：{ $support } | 机具：{ $devices }
institution-fee = 费用：{ $fee }，{ $yuan } 元
offer-warn-no-licence = 未提供支付业务许可证编号：非银行支付机构必须持证才能开展收单业务。请勿签约。
offer-warn-bad-licence = 许可证编号 { $licence } 格式不对：请在人民银行名单中核实。
offer-warn-deposit = 收取 { $yuan } 元押金：问清何时、如何退还。
offer-warn-data-fee = 每年收取 { $yuan } 元流量费。
missing-institution = 选择收单机构

## 申请
app-row-mcc = 商户类别
app-row-address = 布放地址
app-row-channel = 提交方式
app-row-devices = 机具
app-row-submit = 提交
app-not-submitted = 未提交（连按两次 Enter 提交，提交后不可撤回）
app-submitted-at = 已于 { $at } 提交（第 { $revision } 版）
app-outbox = 申请材料包已写入 { $path }
app-hint = 在“商户类别”上按 Enter 打开搜索：输入代码或关键词，上/下选择，Enter 确认。请按真实主营业务选择 MCC。
mcc-no-match = 没有匹配的类别。
channel-online = 在线（电子材料包）
channel-mail = 邮寄（打印申请表和封面清单）
application-confirm-submit = 再按一次 Enter 提交。材料包将写入发件箱，无法撤回。
application-submitted = 申请已提交。
application-already-submitted = 本版申请已提交；只有被驳回后才能修改。
application-write-failed = 无法写入申请材料包：{ $error }
eta-range = 预计 { $from } ~ { $to } 审核完成
eta-range-estimated = 预计 { $from } ~ { $to } 审核完成（估算：节假日安排尚未公布）
missing-mcc = 选择商户类别（MCC）
missing-channel = 选择在线或邮寄
missing-submission = 提交申请
missing-materials = 补齐材料
missing-install-address = 填写布放地址
invalid-install-address = 布放地址过长（最多 200 个字符）或包含控制字符、文字方向字符
pkg-title = POS 商户入网申请表
pkg-case = 工单
pkg-revision = 版本
pkg-merchant = 商户
pkg-legal-rep = 法定代表人/经营者
pkg-settlement = 结算账户
pkg-devices = 机具
pkg-mcc = 商户类别（MCC）
pkg-count = 机具台数
pkg-install-address = 布放地址
pkg-institution = 收单机构
pkg-licence = 许可证编号
pkg-attachments = 附件
pkg-signature = 法定代表人/经营者签字、日期、盖章：
pkg-cover-title = 邮寄申请封面清单
pkg-cover-form = 已签字的申请表
pkg-optional = 可选

## 审核
review-not-submitted = 请先提交申请。
review-last-rejected = 上一版申请被驳回：{ $reason }。请修改材料后重新提交。
review-row-simulated = 模拟机构
review-simulated-hint = Enter：获取演示审核结果
review-row-outcome = 审核结果
review-approved-choice = 通过
review-rejected = 驳回
review-row-mid = 商户编号（MID）
review-row-tid = 终端号（TID）
review-row-password = 激活密码
review-row-reason = 驳回原因
review-row-record = 记录审核结果
review-invalid = 部分审核数据无效，见下方说明。
review-confirm-warning = 请核对下方提示；在“记录审核结果”上按 c 仍然记录。
review-approved = 已记录审核通过。
review-rejected-back = 已记录驳回：请修改材料，然后提交新版本。
review-approved-summary = 已通过：MID { $mid }，TID { $tid }。
review-simulated-tag = （模拟机构）
missing-review = 记录机构的审核结果
missing-review-rejected = 申请被驳回：请重新提交
missing-reject-reason = 填写机构给出的驳回原因
check-password-format = 激活密码为 6 位数字。

## 合同
contract-no-offer = 请先选择机构。
contract-row-debit = 借记卡费率
contract-row-credit = 贷记卡费率
contract-rate-vs-offer = { $contract }（报价 { $offer }）
contract-undisclosed-tag = 报价中没有
contract-row-add-fee = 添加合同中的费用
contract-add-fee-hint = Enter 后输入“名称 金额”，如 保险费 99
contract-row-agree = 我同意以上条款
contract-hint = 在费用上按 Enter 表示同意（或撤回同意）。每项费用都需要明确同意。
contract-diff-debit = 合同借记卡费率 { $contract } 与报价 { $offer } 不一致。
contract-diff-credit = 合同贷记卡费率 { $contract } 与报价 { $offer } 不一致。
contract-diff-undisclosed = “{ $fee }”（{ $yuan } 元）不在机构报价中：同意前请问清用途。
contract-bad-rate = 请按百分比输入费率，如 0.38。
contract-bad-fee = 请按“名称 金额”输入费用，如 保险费 99。
contract-agreed = 已同意合同条款。
missing-contract = 同意每项费用并确认条款
missing-fee-consent = 请先同意每项费用
pos-devices-count = { $name } × { $count } 台
materials-doc-value = { $path }（{ $kind }，{ $size } 字节）

## 测试循环
error-bad-amount = “{ $amount }”不是以元为单位的金额（如 0.01）。
error-bad-loop-settings = 次数至少为 1，间隔 0 到 3600 秒，超时 1 到 255 秒。
loop-ok = 成功
loop-failed = 失败
loop-no-receipt = 该笔消费已入账，但无法读出其凭证号
loop-reversal-failed = 测试消费未能冲正
loop-progress = 第 { $index }/{ $count } 笔：{ $status }（{ $ms } 毫秒）
loop-unreversed = 未撤销：测试消费凭证号 { $receipt }，{ $amount } 元（{ $time }）。posbind 下次连接该终端时会再次撤销；`posbind pending list` 可查看（编号 { $id }）。
loop-summary-pass = 通过：{ $succeeded }/{ $count } 笔成功；耗时（毫秒）最小 { $min }，中位 { $p50 }，p95 { $p95 }，最大 { $max }。
loop-summary-fail = 未通过：{ $succeeded }/{ $count } 笔成功；耗时（毫秒）最小 { $min }，中位 { $p50 }，p95 { $p95 }，最大 { $max }。

## 设备部分：绑定、激活、测试、培训、上线
key-p = p
key-x = x
act-pause = 暂停或继续测试
act-abort = 停止测试（消费仍会冲正）
device-busy = 终端正在处理，请等待完成（按 x 可停止测试）。
device-busy-quit = 当前交易完成后停止（测试消费会先冲正），然后退出。再按 Ctrl-C 立即退出。
device-quit-while-busy = posbind 退出时终端仍在处理。如有测试消费正在进行，请查看终端最后一张凭证，未冲正的请手工冲正。
device-step-failed = 终端操作失败，说明见下方。
binding-acquirer = 收单机构（机构代码）
binding-mid = 商户编号（MID）
binding-identity = 信用代码/身份证
binding-account = 结算账户
binding-address = 布放地址
binding-serial = 序列号（机身标签）
binding-confirm = 确认绑定
binding-hint = 按机身标签或单据上的序列号输入（字母、数字；分隔符不影响）。一机一户：已绑定到其他工单的序列号会被拒绝。
binding-confirmed = 已确认绑定。
binding-serial-taken = 序列号 { $serial } 已绑定到工单 { $case }（{ $merchant }）。一台终端只能服务一个商户。
missing-serial = 输入机身标签上的序列号
invalid-serial-label = 序列号过长（最多 40 个字符）或包含控制字符、文字方向字符
missing-binding-confirm = 确认绑定
act-step-identify = 识别终端
act-step-end-of-day = 日结
act-step-set-tid = 写入终端号（Set Terminal-ID）
act-step-initialise = 参数及密钥下载（初始化）
act-step-diagnose = 签到/联机检测（诊断）
act-step-ready = 就绪
activation-port = 端口
activation-label-serial = 序列号（标签）
activation-connect = 连接并读取终端信息
activation-run = 执行激活
activation-terminal-serial = 终端报告 { $serial }
activation-identity = 终端：{ $name }，软件 { $version }，终端号 { $tid }，状态 { $status }。
activation-identity-ok = 终端序列号与标签一致。
activation-wrong-device = 设备不对：终端报告的序列号为 { $terminal }，标签上为 { $label }。请停止操作，核对连接的是哪台终端。
activation-done = 终端已激活并就绪。
activation-connect-first = 请先连接终端（并核对序列号）。
activation-not-connected = 未连接终端。
activation-terminal-says = 终端：{ $text }
activation-retry-hint = 排除原因后再次选择该操作：已完成的步骤不会重复执行。
activation-port-hint = 输入串口设备（/dev/ttyUSB0、COM3）、tcp://主机:端口 或 sim。已发现：{ $ports }
missing-activation = 激活终端
test-row-mode = 模式
test-row-count = 交易笔数
test-row-start = 开始
test-mode-payment = 消费（0.01 元，随后冲正；需要测试卡）
test-mode-connectivity = 连通性（诊断；无需银行卡）
test-start-hint = 按 Enter 开始
test-running-hint = 运行中：p 暂停，x 停止
test-stats = 成功 { $ok }/{ $done } | 毫秒 最小 { $min } | p50 { $p50 } | p95 { $p95 } | 最大 { $max }
test-round-failed = 第 { $index } 笔：{ $why }
test-result-pass = 通过：{ $ok }/{ $count } 笔成功。
test-result-fail = 未通过：{ $ok }/{ $count } 笔成功。
test-hint = 每笔成功的测试消费都会立即冲正，停止测试时也是如此。
test-passed = 测试通过。
test-failed = 测试未通过，请查看错误。
test-paused = 测试已暂停。
test-resumed = 测试已继续。
test-aborting = 当前交易完成后停止。
test-activate-first = 请先激活终端。
missing-test = 执行测试
missing-test-pass = 测试必须通过
training-practice = 在终端上练习日结
training-practice-hint = 在已连接的终端上真实执行一次日结（可选）。
training-practised = 已在终端上练习日结。
golive-summary = 终端 { $serial } | MID { $mid } | TID { $tid } | 测试 { $test }
golive-write-hint = 按 Enter 生成激活报告（可打印的 HTML 和 JSON）。
golive-written = 激活报告已生成。
golive-report-at = 报告：{ $html } 和 { $json }
missing-report = 生成激活报告
report-title = POS 终端激活报告
report-five-elements = 五要素绑定信息
report-device = 终端
report-activated-at = 激活时间
report-bound-at = 绑定时间
report-test = 测试交易
report-pass = 通过
report-fail = 未通过
report-unreversed = 未冲正，凭证号
report-maintenance = 维护提醒
report-maintenance-text = 每天结算（日结）。按收单机构要求更新终端软件。移机须先经收单机构同意并重新登记布放信息，不允许跨省移机：终端会上报位置。备好打印纸和充电器。
report-security = 安全提示
report-security-text = 不要向来电者提供短信验证码。“POS 机到期、免费换机”的电话和短信是已知诈骗：收单机构不会这样换机，切勿邮寄机具。结算资金只进入商户同名账户。核对每张签购单上的商户名称和类别。
client-error-not-ready = 终端未能就绪（状态 { $code }）。

## 应答文件与无人值守运行
answers-invalid = 无法读取应答文件 { $path }：{ $error }
answers-error = { $key }（第 { $line } 行）：{ $what }
answers-warning = { $key }（第 { $line } 行），需要确认：{ $what }
answers-accept-hint = 请对照证件核对以上提示；加 --accept-warnings 表示确认。
answers-missing-value = 必须填写
answers-unknown-mcc = { $mcc } 不在 MCC 表中
answers-mid-mcc = MID 第 8–11 位与 MCC 不一致（跳码？）
answers-bad-approval = 不是有效的 MID（15 位）/ TID（8 位）
answers-unknown-topic = { $topic } 不是培训主题
answers-unknown-pos-type = { $value } 不是 POS 类型（countertop、wireless、smart、esign、mpos、qr）
answers-unknown-institution = 机构目录中没有 { $value }
answers-contract-agree = 商户同意报价及其中每一项费用后，请设置 agree = true
answers-missing-material = 缺少：{ $what }
run-valid = 应答内容有效。
run-needs-port = 请用 --port 指定终端（设备路径、tcp://主机:端口 或 sim）。
run-submitted = 申请材料包已写入 { $path }。
run-awaiting-review = 申请已提交；机构审核通过后，在应答文件中加入 [approval]（工单 { $case }）。
run-step-done = { $step }：完成
run-pass = 通过：工单 { $case } 已激活并测试；报告 { $html }
run-fail = 未通过：测试未通过（工单 { $case }）；报告 { $html }
key-b = b
key-shift-b = B
act-rebind-account = 换绑：新结算账户
act-rebind-institution = 新机构的新终端
case-rebind-hint = 按 Enter 打开工单。b：将其终端换绑到新结算账户；B：向新机构申请新终端（终端已注入原收单机构的密钥，不能改绑）。
case-rebound = 已创建换绑工单；保留原终端，并关联原工单。如终端同时移机，须先向收单机构申请并重新登记布放信息；不允许跨省移机。
debug-panic = 测试用的主动崩溃（POSBIND_TEST_PANIC 测试开关）。
test-result-stopped = 已在 { $count } 笔后停止（成功 { $ok } 笔）；所有测试消费均已冲正。请重新开始完整测试。
test-stopped = 测试已停止；成功的测试消费均已冲正。

## ZVT conformance (issue 12)
client-error-limit = 终端未在该指令允许的时间内完成（--timeout，激活时为 60 秒），尽管它一直占用线路。
client-error-aborted-no-code = 终端中止了该指令，未给出结果码。{ $text }
progress-registering = 正在向 { $port } 上的终端登记……
progress-terminal = 终端：{ $text }
run-step-started = { $step }……
run-failed-validation = 应答文件中有 { $count } 个问题（见上方）；未写入任何内容。
error-bad-currency = 未知币种 { $currency }：请填写 ISO 4217 数字代码（156）或字母代码（CNY、EUR）。
serial-not-reported = 该终端不通过 ZVT 报告序列号：请在终端自身屏幕或标签上核对。
serial-not-reported-run = 该终端不通过 ZVT 报告序列号。请在终端自身屏幕或标签上核对，然后把 device.serial_confirmed_by 设为核对人（例如 "installer"）。
serial-not-reported-confirmed = 终端不报告序列号；已由 { $who } 在终端屏幕或标签上核对确认。
serial-not-reported-wizard = 该终端不通过 ZVT 报告序列号。请在终端自身屏幕（或标签）上核对序列号是否为 { $label }，然后按 c 确认。
serial-confirmed-by-terminal = 由终端通过 ZVT 报告
serial-confirmed-by-person = 由 { $who } 在终端屏幕或标签上核对（终端不报告序列号）
report-serial-confirmed = 序列号确认方式
activation-serial-confirm-first = 请先在终端屏幕或标签上核对序列号，然后按 c 确认。
activation-serial-confirmed = 序列号已由您在终端屏幕或标签上核对确认；工单中记录了该序列号并非由终端报告。

## Files a user is handed (issue 14)
store-error-link = { $path } 是符号链接；posbind 不会跟随数据目录中的链接。
error-file-too-large = { $path } 大于 { $max } 字节，posbind 不读取。
sim-state-not-ours = { $path } 不是模拟终端的状态文件，已保持原样。请指定一个新文件或之前的模拟终端状态文件。
secrets-syntax = 密钥文件 { $path } 不是有效的 TOML（第 { $line } 行）。
secrets-unknown-key = 密钥文件 { $path }：未知的键 { $key }（第 { $line } 行）；只有 password 一个键。
secrets-not-a-string = 密钥文件 { $path }：{ $key }（第 { $line } 行）须为带引号的文本，例如 password = "000000"。
secrets-too-large = 密钥文件 { $path } 大于 { $max } 字节。
answers-too-many = 条目多于 { $max } 个
answers-test-count = 轮数须在 1 到 { $max } 之间
answers-unknown-document = 不是任何材料清单中的项目
store-error-shared-dir = { $path } 所有用户都可写入，不能作为数据目录（他人可在其中放置文件）。请用 --data-dir 指定私有目录。

## money safety (issue 11)
loop-outcome-unknown = 结果未知：终端已受理一笔 { $amount } 元的测试消费（{ $time }），但无法确认是否入账。已停止发起新的消费。posbind 下次连接该终端时会再次查询；请查看终端流水，并用 `posbind pending list` 查看（编号 { $id }）。
loop-reversal-refused = 撤销被拒：测试消费凭证号 { $receipt }，{ $amount } 元（{ $time }）已入账，终端拒绝撤销（例如已结算）。请办理退货退款，然后执行 `posbind pending ack { $id }`。
loop-outcome-unknown-short = 该笔消费结果未知
loop-journal-failed = 未发送该笔消费：无法先行记录（{ $error }）
loop-status-unreadable = 无法读取终端的交易状态信息
loop-no-status = 终端完成了指令，但没有交易状态信息
loop-not-booked = 该笔消费实际并未入账（终端不认识其凭证号）
pending-reversed = 已撤销之前会话遗留的测试消费：凭证号 { $receipt }，{ $amount } 元（{ $time }）。
pending-not-booked = 之前会话遗留的一笔测试消费并未入账：{ $amount } 元（{ $time }）；已从列表移除。
pending-refused = 撤销被拒：终端 { $terminal } 上的测试消费凭证号 { $receipt }，{ $amount } 元（{ $time }）无法撤销。请退款，然后执行 `posbind pending ack { $id }`。
pending-still-unknown = 结果仍未知：终端 { $terminal } 上一笔 { $amount } 元的测试消费（{ $time }）。请查看终端流水；处理完毕后执行 `posbind pending ack { $id }`。
pending-still-unreversed = 仍未撤销：终端 { $terminal } 上的测试消费凭证号 { $receipt }，{ $amount } 元（{ $time }）；下次会再次尝试（编号 { $id }）。
pending-store-error = 无法写入待撤销记录文件（{ $error }）：此时若程序崩溃，可能丢失测试消费的记录。
pending-none = 没有等待撤销的测试消费。
pending-line = { $id }  终端 { $terminal }  凭证号 { $receipt }  { $amount } 元  { $time }  { $state }
pending-state-sent = 已发送，结果未记录
pending-state-committed = 已入账，尚未撤销
pending-state-unreversed = 已入账，撤销失败（下次会话再试）
pending-state-unknown = 结果未知
pending-state-refused = 撤销被拒：请退款后确认（ack）
pending-acknowledged = 已接手处理消费 { $id }；不再列出。
pending-no-such = 没有编号为 { $id } 的待处理消费（见 `posbind pending list`）。
golive-pending = 该终端仍有未撤销的测试消费（{ $count } 笔）。上线前请进入“测试”步骤（连接时 posbind 会撤销它们），或退款后用 `posbind pending ack` 确认。

## domain truth (issue 18)
check-credit-code-old-registration-company = 企业的 15 位注册号自 2018 年 1 月 1 日起已停止使用（国办发〔2016〕53号）：请填写现行营业执照上的 18 位统一社会信用代码。
mcc-category-standard = 一般类
mcc-category-discount = 优惠类
mcc-category-charity = 公益类
offer-warn-below-cost = { $card ->
        [debit] 借记卡
       *[credit] 贷记卡
    }费率 { $rate }（封顶 { $cap }）低于一般类 MCC 需支付给发卡行和银联网络的费用（{ $floor }，封顶 { $floor_cap } 元）：只有优惠类或公益类 MCC 才算得过来，否则就是跳码。请问清按哪个 MCC 入网。
offer-warn-below-cost-mcc = { $card ->
        [debit] 借记卡
       *[credit] 贷记卡
    }费率 { $rate }（封顶 { $cap }）低于 MCC { $mcc }（一般类）需支付给发卡行和银联网络的费用（{ $floor }，封顶 { $floor_cap } 元）：这通常意味着将按优惠类 MCC 入网，即跳码。请问清按哪个 MCC 入网。
institution-kind-bank = 银行业金融机构（凭银行业许可收单）
institution-kind-non-bank = 非银行支付机构
institution-kind-line = 类型：{ $kind }
institution-bank-licence = 无需（银行）
field-m-related-unit = 关联单位账户
hint-m-related-unit = 仅当结算账户属于与本企业存在合法资金管理关系的其他单位（如母公司）时选择：需提供该关系的证明。
rule-related-unit-proof = 账户属于关联单位：已在材料清单中加入合法资金管理关系证明。
rule-unit-other-name = 单位应结算到商户同名单位银行结算账户，或结算到与其存在合法资金管理关系的单位账户并提供证明（《银行卡收单业务管理办法》），不能结算到他人账户。
rule-sole-other-name = 结算到他人账户：只有接受“非法人结算授权书”的收单机构允许；已在材料清单中加入授权书和收款人身份证，选择机构时会核对。
rule-sole-unit-other-name = 个体工商户的对公账户户名必须与营业执照名称一致（商户同名账户）。
rule-micro-other-name = 小微商户只能结算到经营者本人名下的个人账户（商户同名账户）。
offer-warn-no-other-name-settlement = 该收单机构不接受“非法人结算授权书”：结算账户须为商户同名账户。请更换机构或结算账户。
missing-institution-other-name = 接受“非法人结算授权书”的收单机构（或改用商户同名账户）
app-fees-to-acknowledge = 提交即表示商户已确认以下费用（许多机构此时同时要求电子签署受理协议，常需人脸核验）：借记卡 { $debit }（封顶 { $cap } 元）· 贷记卡 { $credit } · { $fees }。
app-fees-acknowledged = 随本次申请确认的费用：借记卡 { $debit }（封顶 { $cap } 元）· 贷记卡 { $credit } · { $fees }。合同步骤将以此核对签署的协议。
app-fees-none = 无其他费用
app-fee-item = { $fee } { $yuan } 元
contract-ack-debit = 合同借记卡费率 { $contract } 与商户申请时确认的 { $acknowledged } 不一致。
contract-ack-credit = 合同贷记卡费率 { $contract } 与商户申请时确认的 { $acknowledged } 不一致。
contract-ack-fee = “{ $fee }”（{ $yuan } 元）不在申请时确认的费用中：同意前请问清用途。
review-check-enterprise = 企业信息联网核查
review-check-bank-card = 银行卡（结算账户）验证
review-check-mobile = 手机号实名核验
review-check-risk-list = 风险名单查询
review-check-callback = 回访
check-fact-not-reported = 未反馈
check-fact-passed = 通过
check-fact-failed = 未通过
review-check-item = { $check }：{ $fact }
review-checks-reported = 机构反馈：{ $checks }。
check-card-credit = 这是信用卡：结算账户须为借记卡。
field-m-account-class = 账户类别
hint-m-account-class = 优先使用Ⅰ类户（完整的银行账户）；Ⅱ类户（如电子账户）对非绑定账户转入资金有日累计和年累计限额。
account-class-i = Ⅰ类户
account-class-ii = Ⅱ类户
rule-class-ii-account = Ⅱ类户有转入限额：超出限额的结算款会被退回。建议使用Ⅰ类户；按 c 确认。
field-m-beneficial-owners = 受益所有人
hint-m-beneficial-owners = 持有 25% 以上股权、表决权或收益权，或实际控制企业的自然人：“姓名 身份证号 比例; …”，如 张三 11010519491231002X 60%; 李四 440524188001010014 控制。
check-owners-format = 第 { $entry } 位受益所有人：请按“姓名 身份证号 比例”填写（比例为 25%～100%，或“控制”）。
check-owners-id = 第 { $entry } 位受益所有人：身份证号无效。
check-owners-share = 第 { $entry } 位受益所有人：持股 25% 以上才是受益所有人（或填写“控制”）。
check-owners-total = 受益所有人持股合计 { $total }%，超过 100%。
binding-outsourcer = 收单外包服务机构
binding-terminal-photo = 装机照片（收银台）
binding-terminal-photo-hint = 上线时拍摄终端在收银台的照片
golive-terminal-photo-missing = 尚无终端在收银台的装机照片：请拍摄并在“绑定”步骤添加。
binding-location = 布放位置（纬度, 经度）
binding-no-acquirer-code = 目录中无机构代码
binding-acquirer-value = { $name }（机构代码 { $code }）
check-coords-format = 请按“纬度, 经度”填写位置（度），如 22.5431, 113.9360。
check-coords-range = 该位置不在中国大陆范围内。
check-coords-swapped = 纬度和经度似乎填反了：请先填纬度（如 22.5431, 113.9360）。
missing-install-location = 布放位置（纬度, 经度）
case-rebound-institution = 已为新机构的新终端创建工单；原终端仍注入原收单机构的密钥，请向原机构办理撤机。已关联原工单。
test-real-terminal-one-payment = 真实终端：消费测试只做一笔 0.01 元消费及其撤销。生产主机拒绝测试卡，用真实银行卡连续小额消费再撤销，在风控系统看来像测卡或套现——确有需要才选择更多笔数。连通性测试不限次数。

## wizard polish B (issue 15)
key-slash = /
act-filter = 搜索工单
case-filter-count = 共 { $total } 个，匹配 { $shown } 个
case-filter-none = 没有匹配的工单。
case-filter-hint = 输入商户名称、工单号、序列号或商户号（MID）的一部分。Enter：浏览匹配结果；Esc：清除搜索。
case-col-merchant = 商户
case-col-step = 步骤
case-col-updated = 最近修改
case-col-id = 工单号
case-search-hint = /：搜索工单（商户、工单号、序列号、商户号）。
report-simulated = 演示 — 模拟终端：并非真实装机
report-not-tested = 未测试
report-mode-connectivity = 连通性测试
report-mode-payment = 支付测试
report-mcc = 商户类别码（MCC）
report-rates-label = 费率
report-rates = 借记卡 { $debit }，贷记卡 { $credit }
report-fees = 已同意的费用
report-fee = { $fee }：{ $yuan } 元
report-no-fees = 无
report-chart-caption = 每笔交易耗时（毫秒）；虚线：中位数（p50）和第 95 百分位（p95）。
report-sign-merchant = 商户（签字）
report-sign-installer = 装机人员（签字）
report-sign-date = 日期
