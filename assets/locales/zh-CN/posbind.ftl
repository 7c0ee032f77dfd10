# posbind — 简体中文消息。这里的每个 id 都必须在 en/posbind.ftl 中存在。

app-name = posbind
header-demo = 演示模式（模拟终端）
header-lang = 中文 (F2: English)
size-too-small = posbind 需要至少 80x24 的终端窗口，当前为 { $cols }x{ $rows }。请把窗口调大，或按 q 或 Ctrl-C 退出（所有内容均已保存）。
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
key-plus = +
key-minus = -
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
key-close-help = Esc/F1
key-scroll = ↑↓ PgUp/PgDn
act-close-help = 关闭
act-scroll = 滚动
act-help-page = 按键/常见问题
act-focus-back = 反向切换焦点
act-lang = English
header-lang-ascii = 中文 (F2: English)
act-lang-ascii = English
act-quit = 退出
act-force-quit = 退出，所有内容已保存（按两次：立即退出）

## 帮助
help-title = 帮助：{ $step }
help-keys = 按键
help-close = 按 F1 或 Esc 关闭帮助。
side-case-heading = 本工单
side-highlighted-heading = 选中的工单
side-progress-label = 进度
side-progress = 已完成 { $done }/{ $total } 步
side-pos-label = 机具
side-pos = { $type } × { $count }
side-institution-label = 收单机构
side-mid-label = 商户号
side-mid-tid-label = 商户号 / 终端号
side-help-more = F1：全部按键；再按 Tab：本工单的常见问题。

## 步骤
step-case-title = 工单
step-case-summary = 新建或继续一个商户工单
step-case-explain = 每个商户是一个工单。确认的内容会立即保存，退出时正在输入的内容也会保存，随时可以中断，下次从中断处继续。
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
step-materials-explain = 商户类型决定需要哪些材料。关键信息在按 Enter 确认该项时校验，缺少的材料会逐项列出。
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
step-test-explain = 定时循环执行测试交易，统计成功率和耗时。每笔测试消费都会立即撤销；无法撤销的会显示其凭证号和金额。
help-test = 连通性测试无需银行卡；消费测试需要测试卡，完成后自动撤销。每笔测试消费在发送前都会写入待撤销记录文件。“已入账”指终端已发来结果为 00 的交易数据：该笔消费已记账，之后任何情况都不会把它改成“未入账”。未能撤销（或结果未知）的消费会以红色显示凭证号和金额，下次 posbind 连接该终端时会再次撤销，并可用 `posbind pending list` 查看；只要还有未了结的消费，测试就不算通过，工单也不能上线。终端拒绝撤销、或凭证号无法读取的消费，需在终端自带菜单上撤销（当日）或办理退款，然后用 `posbind pending ack 编号` 确认接手。终端等待插卡和输入密码的时间不计入 p95 上限。按 x 会在当前消费撤销后停止；连按两次 Ctrl-C 立即退出（待撤销记录文件会保留可能遗留的消费）。
step-activation-device-summary = 在终端上激活，人工确认
step-activation-device-explain = 此终端没有收银接口，posbind 不连接任何设备：安装人员在终端上完成激活，您按 Enter 逐步确认，工单记录确认人和时间。
help-activation-device = 自上而下操作：先填写确认人（姓名或角色），在终端上完成每一步后再确认（输入激活码、参数及密钥下载），然后把签到单上的商户号、终端号和机身序列号抄到对应各行并确认签到：与批准单和机身标签一致才记录。各步骤须按顺序确认。这里的记录一律为人工确认，不会记为终端核验。无线 POS 若通过线缆连接收银接口，可选择最后一行改为收银接口，由 posbind 驱动终端。
step-activation-qr-summary = 收款码绑定商户号，人工确认
step-activation-qr-explain = 收款码没有收银接口，posbind 不连接任何设备：在收单机构的商户后台或应用里把收款码绑定到商户号，填写其显示的商户号并确认。
help-activation-qr = 先填写确认人，再填写商户后台或应用中该收款码绑定的商户号，按 Enter 确认绑定：与批准单一致才记录，记为人工确认（确认人和时间），不会记为终端核验。
step-test-device-summary = 一笔消费及撤销，人工确认
step-test-device-explain = 在终端上用银行卡做一笔 0.01 元消费，随后在终端上撤销；把第一张签购单的商户号、终端号和参考号填在下面，再确认。
help-test-device = 这里不运行测试循环：posbind 没有连接此终端。在终端上消费 0.01 元，当天在终端菜单上撤销；把第一张签购单上的商户号、终端号和参考号抄到下面各行，按 Enter 确认。商户号和终端号须与批准单一致。测试记为人工确认（确认人和时间），报告中如实注明。
step-test-qr-summary = 扫码付款及退款，人工确认
step-test-qr-explain = 用手机扫码付款 0.01 元，再在商户后台退款；把付款记录的商户号和订单号填在下面，再确认。
help-test-qr = 这里不运行测试循环：收款码没有可驱动的终端。用手机扫码付款 0.01 元，在收单机构的商户后台或应用里退款；把付款记录中的商户号和订单号抄到下面各行，按 Enter 确认。商户号须与批准单一致。测试记为人工确认（确认人和时间），报告中如实注明。

step-training-title = 培训
step-training-summary = 学习日常操作
step-training-explain = 消费、撤销、退货、结算和重打印，以及出现问题时的处理方法。
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
store-error-io = 无法访问 { $path }（系统错误 { $code }）。
store-error-missing = { $path } 不存在。
store-error-denied = posbind 无权访问 { $path }（权限不足）。
store-error-full = { $path } 所在磁盘已满（或配额已用完），无法再写入。
store-error-read-only = { $path } 位于只读文件系统上。
store-error-too-large = { $path } 超出了 posbind 对此类文件的读取上限。
store-error-not-text = { $path } 不是 UTF-8 文本。
store-error-hard-link = { $path } 另有一个名称（硬链接）；posbind 不会通过链接写入。
store-error-not-regular = { $path } 不是普通文件（而是 FIFO、设备或目录）；posbind 只读写普通文件。
store-error-not-directory = { $path } 不是目录。
store-error-not-owned = { $path } 属于其他用户；posbind 只写入自己的文件和目录。
store-error-damaged = 工单文件 { $path } 已损坏，已跳过（{ $error }）。
store-error-version = 工单文件 { $path } 由其他版本的 posbind 写入（文件版本 { $version }），已跳过。
store-error-not-found = 没有编号为“{ $id }”的工单。
error-no-data-dir = 找不到当前用户的数据目录；请使用 --data-dir DIR 指定。
error-not-a-terminal = 向导需要交互式终端；脚本请使用子命令（见 posbind --help）。

## cases 命令
cases-none = 还没有工单。
cases-none-match = 没有符合这些筛选条件的工单。
cases-since-invalid = “{ $text }”不是日期：请写成 YYYY-MM-DD，例如 2026-01-31。
cases-page = 第 { $page } / { $pages } 页（共 { $count } 个工单）。下一页：--page { $next }；全部：--all。
cases-export-format-all = jsonl 和 csv 用于导出全部工单：请与 --all 一起使用。
cases-export-format-one = json 和 html 用于导出单个工单：请给出工单号，而不是 --all。
cases-export-problems = 有 { $count } 个工单文件无法读取（见上方）；其余工单均已导出。
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
zvt-rc-b4 = 已撤销（代码 B4）
zvt-rc-b5 = 无法撤销（代码 B5）
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
zvt-rc-b4-remedy = 无需处理：该笔交易已撤销。
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
client-error-unreadable = 终端发来一条 posbind 无法解析的报文（{ $what }）。posbind 只能拒收（84 9A），终端因此结束了该指令。原因不在银行卡或持卡人：请检查终端的 ZVT 设置和软件版本，并将日志（数据目录下的 logs/posbind.log）发给技术支持。
driver-error-start = 驱动程序“{ $driver }”无法启动：{ $error }
driver-error-exited = 驱动程序“{ $driver }”已退出（退出码 { $status }）{ $stderr }
driver-error-silent = 驱动程序“{ $driver }”在 { $seconds } 秒内未应答“{ $op }”，已将其停止。
driver-error-garbage = 驱动程序“{ $driver }”输出了不属于驱动协议的内容（{ $why ->
        [not-json] 不是 JSON 对象
        [no-id] 没有数字 "id"
        [unknown-event] 本协议版本没有的事件：{ $detail }
        [no-error-code] 错误应答缺少 "code"
        [neither] 既无 "event" 也无 "ok"
        [missing] 缺少 "{ $field }"
        [unreadable] 无法读取 "{ $field }"：{ $detail }
        [too-long] 一行超过 { $detail } 字节
       *[other] { $why }
    }）：{ $line }
driver-error-version = 驱动程序“{ $driver }”使用驱动协议第 { $theirs } 版；本 posbind 使用第 { $ours } 版。
driver-error-broke = 驱动程序“{ $driver }”违反了驱动协议：{ $breach ->
        [refused-hello] 它拒绝了握手
        [lacks] 它不支持每个驱动程序都必须支持的“{ $op }”
        [unknown-code] 它对“{ $op }”的应答使用了协议中没有的错误码“{ $code }”
        [answer] 它对“{ $op }”的应答有问题：{ $why ->
            [not-json] 不是 JSON 对象
            [no-id] 没有数字 "id"
            [unknown-event] 本协议版本没有的事件：{ $detail }
            [no-error-code] 错误应答缺少 "code"
            [neither] 既无 "event" 也无 "ok"
            [missing] 缺少 "{ $field }"
            [unreadable] 无法读取 "{ $field }"：{ $detail }
            [too-long] 一行超过 { $detail } 字节
           *[other] { $why }
        }
        [no-payment] 它对“{ $op }”的应答没有交易信息
       *[other] { $breach }
    }
driver-error-unsupported = 驱动程序“{ $driver }”不支持此步骤所需的“{ $op }”。
client-error-stopped = 已停止：posbind 请求终端中止，终端已中止；没有记账。
client-error-stopped-unconfirmed = 已停止：posbind 请求终端中止，但终端未及时确认，因此尚不清楚这笔支付是否已记账。
open-error-not-found = { $port } 处没有设备。请检查线缆和端口名称（“posbind ports”可列出端口）。
open-error-permission = 没有权限打开 { $port }。在 Linux 上请把当前用户加入 dialout 组（sudo usermod -aG dialout $USER）并重新登录。
open-error-busy = { $port } 正被其他程序占用。请关闭该程序后重试。
open-error-connect = 无法连接 { $port }：{ $error }
open-error-other = 无法打开 { $port }：{ $error }
error-bad-port = “{ $port }”不是有效端口：请使用设备路径（/dev/ttyUSB0、COM3）、tcp://主机:端口、sim 或 driver:命令 [参数]。
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
check-id-doc-expired = { $kind ->
        [passport] 护照
        [hk_macao_permit] 港澳居民来往内地通行证
        [taiwan_permit] 台湾居民来往大陆通行证
        [foreign_permanent] 外国人永久居留身份证
       *[other] 身份证件
    }已过期：需要有效的证件。
check-id-doc-no-long-term = { $kind ->
        [passport] 护照
        [hk_macao_permit] 港澳居民来往内地通行证
        [taiwan_permit] 台湾居民来往大陆通行证
        [foreign_permanent] 外国人永久居留身份证
       *[other] 此类证件
    }没有“长期”有效期（“长期”只见于居民身份证）：请输入证件上的截止日期。
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
act-remove-fee = 删除添加的费用
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
field-m-id-number = 证件号码
field-m-id-valid-until = 证件有效期至
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
hint-m-legal-rep-name = 与证件上一致。
hint-m-id-number = 证件号码（居民身份证为 18 位）；界面上脱敏显示。
hint-m-id-valid-until = 证件的有效期截止日（YYYY-MM-DD）；居民身份证可为“长期”。
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
file-too-large = { $path } 大于 20 MB，请以较低分辨率重新扫描。
file-wrong-kind = { $path } 不是图片（PNG、JPEG、WebP）或 PDF。
file-empty = { $path } 是空文件。
file-reading = 正在读取 { $path }…

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
institution-detail = 许可证：{ $licence } | { $cap } | 结算 { $settlement } | 服务：{ $support } | 机具：{ $devices }
institution-fee = 费用：{ $fee }，{ $yuan } 元
offer-refused-no-licence = 未提供支付业务许可证编号：非银行支付机构必须持证才能开展收单业务，posbind 不会向其提交申请。请选择其他收单机构（银行无需此证）
offer-refused-bad-licence = 支付业务许可证编号格式不对（应为 Z2 加 12 位数字）：非银行支付机构必须持有效许可证才能开展收单业务，posbind 不会向其提交申请。请在人民银行公布的名单中核实，或选择其他收单机构
offer-refused-pos-type = 该收单机构不提供所选的终端类型：请在第 2 步（POS 类型）改选它提供的类型，或选择其他收单机构
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
app-hint-address = 终端实际布放的地址，与布放登记一致（与经营地址相同时即为经营地址）；Enter 保存，Esc 保持原样。
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
pkg-install-same-as-business = { $address }（同经营地址）
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
review-row-password = 终端密码（电签 POS 为激活码）
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
check-password-format = 终端密码为 6 位数字。

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
contract-fee-removed = 已从合同中删除“{ $fee }”（{ $yuan } 元）。
contract-remove-none = 只能删除在此添加的费用：报价本身的费用属于报价（不接受可改选机构）。
missing-contract = 同意每项费用并确认条款
missing-fee-consent = 请先同意每项费用
pos-devices-count = { $name } × { $count } 台
materials-doc-value = { $path }（{ $kind }，{ $size } 字节）

## 测试循环
error-bad-amount = “{ $amount }”不是有效的 { $currency } 测试金额：请填写 0.01 到 100.00。
error-bad-loop-settings = 次数为 1 到 100000，间隔 0 到 3600 秒，超时 1 到 255 秒。
loop-ok = 成功
loop-failed = 失败
loop-no-receipt = 该笔消费已入账，但无法读出其凭证号
loop-reversal-failed = 测试消费未能撤销
loop-progress = 第 { $index }/{ $count } 次：{ $status }（{ $ms } 毫秒）
loop-unreversed = 未撤销：测试消费凭证号 { $receipt }，{ $amount } 元（{ $time }）。posbind 下次连接该终端时会再次撤销；`posbind pending list` 可查看（编号 { $id }）。
loop-summary-latency-us = 耗时（微秒）最小 { $min }，中位 { $p50 }，p95 { $p95 }，最大 { $max }。
loop-summary-latency = 耗时（毫秒）最小 { $min }，中位 { $p50 }，p95 { $p95 }，最大 { $max }。

## 设备部分：绑定、激活、测试、培训、上线
key-p = p
key-x = x
act-pause = 暂停或继续测试
act-abort = 停止测试（消费仍会撤销）
device-busy = 终端正在处理，请等待完成（按 x 可停止测试）。
device-quit-while-busy = posbind 退出时终端仍在处理：终端上可能留有测试消费。`posbind pending list` 列出可能未了结的消费；posbind 下次连接该终端时会处理（或退款后执行 `posbind pending ack 编号`）。
device-worker-failed = 向导无法启动设备线程（{ $error }），未做任何更改。
device-busy-quit = 当前交易完成后停止（测试消费会先撤销），然后退出。再按 Ctrl-C 立即退出。
device-busy-quit-work = 终端当前的操作结束后 posbind 即退出。再按 Ctrl-C 立即退出。
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
binding-serial-taken = 序列号 { $serial } 已绑定到工单 { $case }（{ $merchant }）。一台终端只能服务一个商户。请核对标签并改正序列号；如确是那台终端，请改为继续工单 { $case }（posbind demo 中，在工单列表按 d 可新建样例工单，它有自己的模拟终端）。
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
activation-serial-at-binding = 标签上的序列号在第 8 步（绑定）填写；此处将其与终端报告的序列号核对。
activation-wrong-device = 设备不对：终端报告的序列号为 { $terminal }，标签上为 { $label }。请停止操作，核对连接的是哪台终端：请连接标签上的那台终端；如序列号录入有误，请回到“绑定”步骤改正。
activation-done = 终端已激活并就绪。
activation-connect-first = 请先连接终端（并核对序列号）。
activation-not-connected = 未连接终端。
activation-terminal-says = 终端：{ $text }
activation-retry-hint = 排除原因后再次选择该操作：已完成的步骤不会重复执行。
activation-port-hint = 输入串口设备（/dev/ttyUSB0、COM3）、tcp://主机:端口、sim 或 driver:命令 [参数]。已发现：{ $ports }
activation-ports-scanning = 正在查找串口…（也可直接输入：/dev/ttyUSB0、COM3、tcp://主机:端口 或 sim）
activation-port-empty = 尚未指定端口：请选择“端口”一行，输入终端的端口（/dev/ttyUSB0、COM3、tcp://主机:端口 或 sim）。
missing-activation = 激活终端
test-row-mode = 模式
test-row-count = 测试次数
test-row-start = 开始
test-mode-payment = 消费（0.01 元，随后撤销；需要测试卡）
test-mode-connectivity = 连通性（诊断；无需银行卡）
test-start-hint = 按 Enter 开始
test-running-hint = 运行中：p 暂停，x 停止
test-stats = 成功 { $ok }/{ $done } | 毫秒 最小 { $min } | p50 { $p50 } | p95 { $p95 } | 最大 { $max }
test-round-failed = 第 { $index } 次：{ $why }
test-result-pass = 通过：{ $ok }/{ $count } 次成功（{ $mode }）。
test-result-fail = 未通过：{ $ok }/{ $count } 次成功（{ $mode }）。
test-hint = 每笔成功的测试消费都会立即撤销，停止测试时也是如此；无法撤销的以红色显示。
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
report-unreversed = 未撤销，凭证号
report-maintenance = 维护提醒
report-maintenance-text-qr = 收款码保持清洁、摆在收银台显眼处，核对每笔付款显示的是本商户名称；被人覆盖粘贴的收款码会把钱转走，每天检查。移到其他门店使用须经收单机构同意。
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
institution-refused-after-approval = 未选择，已完成的工作保持不变：{ $why }。
institution-change-confirm = 选择{ $name }将重置已完成的：{ $steps }。再按一次 Enter 确认选择；按其他键保留当前机构。
case-rebind-refused-unbound = { $name }尚未绑定终端，无可换绑。请按 Enter 打开该工单，在其中修改结算账户或机构。
case-rebind-refused-superseded = { $name }已换绑过：其终端属于较新的工单。请对那个工单换绑。
debug-panic = 测试用的主动崩溃（POSBIND_TEST_PANIC 测试开关）。
test-result-stopped = 已停止：共 { $planned } 次，用户在第 { $count } 次后停止；{ $ok }/{ $count } 次成功（{ $mode }）。请重新开始完整测试。
test-result-mode-payment = 消费测试
test-result-mode-connectivity = 连通性测试
test-stopped = 测试已停止；成功的测试消费均已撤销。
test-retest-confirm = 再按一次 Enter 开始复测。复测结束前（包括中途停止）本结果不变；复测结束后以其为准（须重新生成报告；未通过则工单不再是已上线）。
test-retest-stopped = 复测在 { $planned } 次中的第 { $count } 次后被停止：不作为结果；以上结果仍为当前结果。

## ZVT conformance (issue 12)
client-error-limit = 终端未在该指令允许的时间内完成（--timeout，激活时为 60 秒），尽管它一直占用线路。
client-error-aborted-no-code = 终端中止了该指令，未给出结果码。{ $text }
progress-registering = 正在向 { $port } 上的终端登记……
progress-terminal = 终端：{ $text }
run-step-started = { $step }……
run-failed-validation = 应答文件中有 { $count } 个问题（见上方）；未写入任何内容。
run-resumed = 继续工单 { $case }（进行到：{ $step }）。
run-resubmitting = 应答内容改变了第 { $old } 版已提交的申请：作为第 { $new } 版重新提交，原审核结果不再有效。
run-case-finished = 工单 { $case }（{ $merchant }，终端 { $serial }）已完成：终端已激活并测试，报告 { $report }。未写入任何内容。如需把终端换到新的结算账户或机构：posbind cases rebind { $case }。
run-case-superseded = 工单 { $case } 已被工单 { $by } 取代（重新绑定）；未写入任何内容。
run-case-other = 工单 { $case } 属于 { $merchant }（终端 { $serial }），不是应答文件中的商户和终端；未写入任何内容。
lock-case-held = 工单 { $case } 正在另一个 posbind 进程中打开（pid { $pid }）。请先在那里关闭，或等该运行结束；此处未写入任何内容。
lock-terminal-held = 终端 { $serial } 正由另一个 posbind 进程绑定（pid { $pid }）。请等该运行结束；此处未写入任何内容。
error-bad-currency = 未知币种 { $currency }：请填写 ISO 4217 数字代码（156）或字母代码（CNY、EUR）。
serial-not-reported = 该终端不向 posbind 报告序列号：请在终端自身屏幕或标签上核对。
serial-not-reported-run = 该终端不向 posbind 报告序列号。请在终端自身屏幕或标签上核对，然后把 device.serial_confirmed_by 设为核对人（例如 "installer"）。
serial-not-reported-confirmed = 终端不报告序列号；已由 { $who } 在终端屏幕或标签上核对确认。
serial-not-reported-wizard = 该终端不向 posbind 报告序列号。请在终端自身屏幕（或标签）上核对序列号是否为 { $label }，然后按 c 确认。
serial-confirmed-by-terminal = 由终端自身报告
serial-confirmed-by-person = 由 { $who } 在终端屏幕或标签上核对（终端不报告序列号）
report-serial-confirmed = 序列号确认方式
activation-serial-confirm-first = 请先在终端屏幕或标签上核对序列号，然后按 c 确认。
activation-serial-confirmed = 序列号已由您在终端屏幕或标签上核对确认；工单中记录了该序列号并非由终端报告。

## Files a user is handed (issue 14)
store-error-link = { $path } 是符号链接；posbind 不会跟随数据目录中的链接。
error-file-too-large = { $path } 大于 { $max } 字节，posbind 不读取。
sim-state-not-ours = { $path } 不是模拟终端的状态文件，已保持原样。请指定一个新文件或之前的模拟终端状态文件。
sim-state-not-saved = 模拟终端的状态未能保存，下次运行将从较早的状态开始：{ $why }
secrets-syntax = 密钥文件 { $path } 不是有效的 TOML（第 { $line } 行）。
secrets-unknown-key = 密钥文件 { $path }：未知的键 { $key }（第 { $line } 行）；只有 password 一个键。
secrets-not-a-string = 密钥文件 { $path }：{ $key }（第 { $line } 行）须为带引号的文本，例如 password = "000000"。
secrets-too-large = 密钥文件 { $path } 大于 { $max } 字节。
answers-too-many = 条目多于 { $max } 个
answers-test-count = 轮数须在 1 到 { $max } 之间
answers-unknown-document = 不是任何材料清单中的项目
answers-unknown-key = 不是应答文件中的键（`posbind answers template` 列出全部键）
answers-bad-value = 此键不接受这个值（{ $detail }）
answers-extra-fee = 每项额外费用都需要名称和 0 到 { $max } 元之间的金额
answers-document-twice = 与 { $other } 是同一个文件：一份扫描件不能当作两份材料（只有结算账户即基本存款账户时，基本存款账户信息可同时作结算账户证明）
store-error-shared-dir = { $path } 所有用户都可写入，不能作为数据目录（他人可在其中放置文件）。请用 --data-dir 指定私有目录。

## money safety (issue 11)
loop-outcome-unknown = 结果未知：终端已受理一笔 { $amount } 元的测试消费（{ $time }），但无法确认是否入账。posbind 下次连接该终端时会再次查询；请查看终端流水，并用 `posbind pending list` 查看（编号 { $id }）。
loop-reversal-refused = 撤销被拒：测试消费凭证号 { $receipt }，{ $amount } 元（{ $time }）已入账，终端拒绝撤销（例如已结算）。请办理退货退款，然后执行 `posbind pending ack { $id }`。
loop-outcome-unknown-short = 该笔消费结果未知
loop-journal-failed = 未发送该笔消费：无法先行记录（{ $error }）
loop-status-unreadable = 无法读取终端的交易状态信息
loop-no-status = 终端完成了指令，但没有交易状态信息
loop-not-booked = 该笔消费实际并未入账（终端不认识其凭证号）
pending-reversed = 已撤销之前会话遗留的测试消费：凭证号 { $receipt }，{ $amount } 元（{ $time }）。
pending-not-booked = 之前会话遗留的一笔测试消费并未入账：{ $amount } 元（{ $time }）；已从列表移除。
pending-undone = 之前会话遗留的一笔测试消费曾入账，随后已由终端自行冲回（终端已不认凭证号 { $receipt }；{ $amount } 元，{ $time }）；已从列表移除。
pending-blocks-payments = 不再发起新的测试消费：该终端仍有 { $count } 笔测试消费未了结（见上文及 `posbind pending list`）。请先处理；每多一笔都是卡上多扣的钱。
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
offer-warn-below-cost = { $low ->
        [cap] 借记卡封顶 { $cap } 元（费率 { $rate }）
       *[rate] { $card ->
            [debit] 借记卡
           *[credit] 贷记卡
        }费率 { $rate }{ $cap ->
            [none] {""}
           *[other] （封顶 { $cap } 元）
        }
    }低于一般类 MCC 下收单机构自身的成本（{ $floor }{ $floor_cap ->
        [none] {""}
       *[other] ，封顶 { $floor_cap } 元
    }：发卡行服务费加收单机构承担的一半网络服务费，发改价格〔2016〕557号）：只有优惠类或公益类 MCC 才算得过来，否则就是跳码。请问清按哪个 MCC 入网。
offer-warn-below-cost-mcc = { $low ->
        [cap] 借记卡封顶 { $cap } 元（费率 { $rate }）
       *[rate] { $card ->
            [debit] 借记卡
           *[credit] 贷记卡
        }费率 { $rate }{ $cap ->
            [none] {""}
           *[other] （封顶 { $cap } 元）
        }
    }低于 MCC { $mcc }（{ $category ->
        [discount] 优惠类，按一般类的 { $discount }%
       *[standard] 一般类
    }）下收单机构自身的成本（{ $floor }{ $floor_cap ->
        [none] {""}
       *[other] ，封顶 { $floor_cap } 元
    }：发卡行服务费加收单机构承担的一半网络服务费，发改价格〔2016〕557号）：这通常意味着将按更便宜的 MCC 入网，即跳码。请问清按哪个 MCC 入网。
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
app-fees-to-acknowledge = 提交即表示商户已确认以下费用（许多机构此时同时要求电子签署受理协议，常需人脸核验）：借记卡 { $debit }（{ $cap }）· 贷记卡 { $credit } · { $fees }。
app-fees-acknowledged = 随本次申请确认的费用：借记卡 { $debit }（{ $cap }）· 贷记卡 { $credit } · { $fees }。合同步骤将以此核对签署的协议。
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
hint-m-beneficial-owners = 持有 25% 以上股权、表决权或收益权，或实际控制企业的自然人：“姓名 证件号码 比例 | 国籍 | 证件有效期 | 地址; …”，如 张三 11010519491231002X 60% | 中国 | 长期 | 深圳市…; John Smith passport:E12345678 控制 | GBR | 2031-05-01 | 香港…。非居民身份证的证件在号码前写 passport:、hk:、tw: 或 fpr:。
check-owners-format = 第 { $entry } 位受益所有人：请按“姓名 证件号码 比例 | 国籍 | 证件有效期 | 地址”填写（比例为 25%～100%，或“控制”）。
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
interrupt-stopping = Ctrl-C：不再发起新的测试消费；当前这笔完成或撤销后停止。5 秒内再按一次 Ctrl-C 立即退出。
interrupt-quit-now = 已立即退出：终端上可能留有测试消费。`posbind pending list` 列出可能未了结的消费；posbind 下次连接该终端时会处理。

## wizard polish B (issue 15)
key-slash = /
act-filter = 搜索工单
case-filter-count = 共 { $total } 个，匹配 { $shown } 个
case-filter-none = 没有匹配的工单。
case-filter-hint = 输入商户名称、工单号、序列号或商户号（MID）的一部分。Enter：浏览匹配结果；Esc：清除搜索。
case-col-merchant = 商户
case-col-step = 步骤
case-list-loading = 正在读取工单列表…
case-col-status = 状态
case-col-updated = 最近修改
case-col-id = 工单号
case-col-short-id = 编号
case-keys-short = /：搜索  Enter：打开  b/B：换绑  F1：更多
case-keys-short-demo = d：样例商户  /：搜索  Enter：打开  b/B：换绑  F1：更多
case-search-hint = /：搜索工单（商户、工单号、序列号、商户号）。
report-simulated = 演示 — 模拟终端：并非真实装机
report-not-tested = 未测试
report-mode-connectivity = 连通性测试
report-mode-payment = 支付测试
report-mcc = 商户类别码（MCC）
report-rates-label = 费率
report-rates = 借记卡 { $debit }（{ $cap }），贷记卡 { $credit }
report-fees = 已同意的费用
report-settlement = 结算
report-settlement-fee = 每笔另收 { $rate }
report-withdrawal-fee = 每次提现 { $yuan } 元
report-accepted-warnings = 已接受的报价提示
report-fee = { $fee }：{ $yuan } 元
report-no-fees = 无
report-chart-caption = 每次测试耗时（{ $unit }）；虚线：中位数（p50）和第 95 百分位（p95）。
report-unit-ms = 毫秒
report-unit-us = 微秒
report-sign-merchant = 商户（签字）
report-sign-installer = 装机人员（签字）
report-sign-date = 日期
report-approval = 审核通过
report-approved-at = 通过时间
report-revision = 申请版本
report-approval-by = 审核方
report-approval-simulated = 模拟收单机构（演示），并非真实审核
report-no-approval = 未通过审核：没有可供绑定此终端的审核结果。
report-device-reported = 以下为终端自身报告的信息（序列号、名称和软件版本）。
report-device-person = posbind 没有连接此终端（没有收银接口）：以下各项均未经终端核验；签到单上的号码由人工填写，并已与批准单和机身标签核对。
report-device-person-qr = posbind 没有连接任何设备（收款码没有收银接口）：以下各项均未经终端核验；收款码绑定的商户号由人工填写，并已与批准单核对。
report-device-not-read = 未从终端读取
cli-heading-usage = 用法：
cli-heading-commands = 命令
cli-heading-options = 选项
cli-heading-arguments = 参数
cli-flag-help = 显示帮助
cli-flag-version = 显示版本
cli-help-command = 显示本帮助或指定子命令的帮助
cli-posbind = 引导商户完成 POS 终端的绑定、激活和测试验证。不带命令时启动分步向导。终端通过驱动连接：内置 ZVT（串口或 TCP），其他终端用 --port driver:命令 [参数] 接入。
cli-posbind--lang = 界面语言：zh-CN 或 en（默认取自 LC_ALL / LC_MESSAGES / LANG，否则为 zh-CN）
cli-posbind--ascii = 仅使用 ASCII 字符（简易控制台）
cli-posbind--no_color = 不使用颜色（设置了 NO_COLOR 时亦然）
cli-posbind--data_dir = posbind 保存工单、待发件和日志的目录（默认：系统数据目录）
cli-posbind--catalog = 机构目录文件（默认：配置目录中的 catalog.toml，否则为随附的样例目录）
cli-posbind--answers = 装机快捷方式：用此答案文件预先填写向导，并打开第一个仍需人工的步骤（通常为激活）
cli-posbind--secrets = --answers 所用的密钥文件（终端密码）
cli-posbind--port = --answers 所用的终端：设备路径、tcp://主机:端口、sim 或 driver:命令 [参数]
cli-posbind--accept_warnings = 接受答案文件中的警告（会逐条列出）
cli-posbind--sim = 向导中 sim 端口的模拟器设置 KEY=VALUE（可重复），例如 --sim tlv=false 模拟不报告序列号的终端
cli-demo = 使用模拟终端和模拟机构运行向导（演示）
cli-cases = 列出、查看、导出、换绑或删除工单
cli-cases-list = 列出工单，最新的在前（读取工单索引）
cli-cases-list--json = 供脚本使用的 JSON 数组（全部匹配的工单，不分页）
cli-cases-list--status = 只列出该状态的工单
cli-cases-list--step = 只列出处于该步骤的工单
cli-cases-list--institution = 只列出该机构的工单（机构编号或名称的一部分）
cli-cases-list--since = 只列出该日（YYYY-MM-DD，本地时间）及以后修改过的工单
cli-cases-list--search = 只列出商户名称、工单号、序列号或商户号包含该文字的工单
cli-cases-list--page = 显示第几页（从 1 开始），每页 --per-page 个工单
cli-cases-list--per_page = 每页工单数
cli-cases-list--all = 一次列出全部匹配的工单，在终端上也是（否则终端只显示第一页）
cli-cases-show = 查看一个工单
cli-cases-show--id = 工单号（见 cases list）
cli-cases-show--json = 以 JSON 输出工单
cli-cases-export = 导出工单的申请材料包（JSON 或可打印的 HTML）；或用 --all 为后台系统每个工单导出一条记录
cli-cases-export--id = 工单号
cli-cases-export--format = 单个工单：json（默认）或 html；--all：jsonl（默认）或 csv
cli-cases-export--out = 单个工单的材料包写入的目录（默认：当前目录）
cli-cases-export--all = 全部工单，每个一条记录，写到标准输出（格式见 docs/case-export.md）
cli-cases-export--since = 与 --all 一起：只导出该日（YYYY-MM-DD，本地时间）及以后修改过的工单
cli-cases-rebind = 为该商户的终端新建工单，换用新的结算账户或新的机构；保留终端并记录关联。输出新工单号
cli-cases-rebind--id = 工单号
cli-cases-rebind--reason = account（新结算账户）或 institution（新机构）
cli-cases-delete = 删除工单及其目录中的全部内容
cli-cases-delete--id = 工单号
cli-cases-delete--yes = 不询问确认
cli-pending = 尚未撤销的测试支付：列出，或在退款后接手处理（ack）
cli-pending-list = 列出尚未撤销的测试支付（所有终端）
cli-pending-list--json = 输出 JSON 数组，供脚本使用
cli-pending-ack = 接手 posbind 无法撤销的消费（被拒或无凭证号）：在终端菜单上撤销或退款后执行；之后不再列出
cli-pending-ack--id = 支付编号（见 pending list）
cli-pending-ack--accept_unvoided_risk = 也关闭 posbind 仍可自行撤销或查明的消费（若已入账，款项将留在卡上）
cli-ports = 列出串口（已知时显示 USB 厂商/产品编号和名称）
cli-ports--json = 输出 JSON，供脚本使用
cli-probe = 连接终端并显示其身份信息和状态
cli-probe--port = 串口设备（/dev/ttyUSB0、COM3）、tcp://主机[:端口]、内置模拟器 sim，或驱动程序 driver:命令 [参数]
cli-probe--baud = 串口波特率
cli-probe--password = 终端密码（6 位数字）
cli-probe--sim = 模拟器设置 KEY=VALUE（配合 --port sim；可重复）
cli-probe--currency = 登记和支付使用的币种：ISO 4217 数字（156）或代码（CNY、EUR）
cli-probe--timeout = 每条命令最多可用的秒数（无论终端期间发送什么）
cli-probe--json = 输出 JSON，供脚本使用
cli-driver = 驱动程序（--port driver:命令 [参数]）：按驱动协议检查驱动程序
cli-driver-check = 按驱动协议的约定检查驱动程序并输出结果表（全部通过时退出码为 0）
cli-driver-check--timeout = 每条命令最多可用的秒数
cli-driver-check--json = 输出一个 JSON 对象，供脚本使用："pass"，以及 "checks"（每项含 "check"、"result"、"detail"）
cli-driver-check--command = 驱动程序的命令及其参数（写在 -- 之后）
driver-check-hello = 握手与版本
driver-check-identity = 终端身份
driver-check-sign-on = 签到
driver-check-pay-void = 消费与撤销
driver-check-unknown-outcome = 结果未知时查询最后一笔交易
driver-check-abort = 中止
driver-check-crash = 支付过程中崩溃
driver-check-garbage = 输出仅含协议消息
driver-check-timeouts = 超时
driver-check-pass = 通过
driver-check-fail = 未通过
driver-check-skipped = 跳过
driver-check-passed = 驱动程序通过了全部检查。
driver-check-failed = 驱动程序至少有一项检查未通过（见上方“未通过”）。
driver-check-not-running = 驱动程序未在运行（之前的检查已使其结束）
driver-check-no-identity = 既未报告序列号也未报告终端号
driver-check-not-offered = 驱动程序不支持
driver-check-no-commit = 应答之前没有带凭证号的“committed”事件
driver-check-receipt = 凭证号 { $receipt }
driver-check-void-declined = 撤销未获批准
driver-check-last-differs = 最后一笔交易不是刚才的支付
driver-check-aborted = 在入账之前已中止
driver-check-booked-voided = 中止到达前已入账；已撤销
driver-check-slowest = 不存在的操作被立即拒绝；最慢的应答用时 { $seconds } 秒
driver-check-unknown-accepted = 一个不存在的操作被应答为已完成
cli-test-loop = 定时测试交易循环，无界面（退出码 0 通过，1 未通过，2 用法或连接错误）；结果输出到标准输出
cli-test-loop--port = 串口设备（/dev/ttyUSB0、COM3）、tcp://主机[:端口]、内置模拟器 sim，或驱动进程 driver:命令 [参数]
cli-test-loop--baud = 串口波特率
cli-test-loop--password = 终端密码（6 位数字）
cli-test-loop--sim = 模拟器设置 KEY=VALUE（配合 --port sim；可重复）
cli-test-loop--currency = 登记和支付使用的币种：ISO 4217 数字（156）或代码（CNY、EUR）
cli-test-loop--mode = connectivity（连通性诊断，无需卡片）或 payment（测试金额支付，随后撤销）
cli-test-loop--count = 轮数（1 到 100000；默认 10，真实终端上的消费测试默认 1）
cli-test-loop--interval = 每轮之间的秒数
cli-test-loop--amount = 测试金额（元），0.01 到 100.00（即 --currency 的主单位）
cli-test-loop--timeout = 每笔交易最多可用的秒数
cli-test-loop--p95_ms = 终端与主机耗时（不含持卡人操作时间）第 95 百分位不超过此毫秒数才算通过 [默认：连通性 5000，消费 15000]
cli-test-loop--json = 输出 JSON 行，供脚本使用（标准输出只含 JSON）
cli-run = 无人值守：根据答案文件完成校验、提交、绑定、激活、测试和报告
cli-run--answers = 答案文件（TOML；posbind answers template 可输出模板）
cli-run--secrets = 含终端密码（password）的密钥文件
cli-run--port = 终端：设备路径、tcp://主机:端口、sim 或 driver:命令 [参数]（除 --dry-run 外必填）
cli-run--baud = 串口波特率
cli-run--sim = 模拟器设置 KEY=VALUE（配合 --port sim；可重复）
cli-run--dry_run = 只做校验
cli-run--json = 最后在标准输出输出一行 JSON 摘要
cli-run--accept_warnings = 接受需要确认的警告（会逐条列出）
cli-run--timeout = 每笔测试交易最多可用的秒数
cli-run--case = 继续这个工单（默认：同一商户和终端的未完成工单）
cli-answers = 答案文件
cli-answers-template = 输出带注释、包含所有键的模板（对随附目录有效）
cli-simulate = 运行模拟 ZVT 终端；先输出其设备路径（或 TCP 地址）
cli-simulate--config = 设置文件（TOML）
cli-simulate--sim = 设置 KEY=VALUE（可重复），例如 --sim serial=0012AB34 --sim fault.nak=0.1
cli-simulate--tcp = 在 TCP（主机:端口）上监听，而不是伪终端
cli-check = 校验一个值（退出码 0 有效，1 无效，3 有效但有警告，2 用法错误）
cli-check--kind = 值的类型：credit-code（统一社会信用代码）、id（居民身份证号码）、mobile（手机号）、card（个人银行卡）、account（对公账户）、branch（联行号）、licence（支付业务许可证编号）、mid（商户编号，可配合 --mcc）、tid（终端号）、coords（布放位置“纬度, 经度”）、case（工单编号：收单机构审核会用的规则，逐条附依据；退出码 0 无问题，1 会被驳回，3 仅可能被质询）
cli-check--value = 证件上写的值
cli-check--mcc = 商户编号应含的 MCC（用于 mid）
cli-check--json = 输出一个 JSON 对象：kind、input、normalized、verdict、reasons（case：审核结果及每条规则的依据）
help-faq-hint = Tab：本工单的常见问题和注意事项（上/下键滚动）。
help-faq-back = Tab：返回按键说明。上/下键：滚动。F1 或 Esc：关闭。
faq-title = 常见问题 / FAQ
faq-q-time = 绑定需要多长时间？
faq-a-time-submitted = 本申请于 { $date } 提交，{ $eta }（按工作日计，不含节假日）。审核通过当天即可绑定和激活。
faq-a-time-institution = 尚未提交。{ $name } 自提交起 { $from }–{ $to } 个工作日内完成审核（不含节假日）。
faq-a-time-general = 审核自提交起需要几个工作日（以机构的审核天数为准，不含节假日）。选择机构后可看到具体天数。
faq-q-cost = 需要收费吗？
faq-a-cost-contract = 您在本合同中同意的费用：{ $fees }。未经您同意，不得收取其他费用。
faq-a-cost-none = 尚未签订合同：每一项费用都须在“合同”步骤中经您明确同意。
faq-warning = 注意：{ $text }
faq-q-worked = 怎么知道是否成功？
faq-a-worked-activated = 已于 { $at } 激活：终端报告的序列号 { $serial } 与机身标签一致，终端号 { $tid }。
faq-a-worked-unconfirmed = 已于 { $at } 激活，但终端序列号尚未与标签 { $serial } 核对确认。
faq-a-worked-not-yet = 尚未激活：“激活”步骤会连接终端、核对序列号与标签并激活终端。
faq-a-worked-test-pass = { $at } 的测试：通过，{ $succeeded }/{ $count } 次成功。
faq-a-worked-test-fail = { $at } 的测试：未通过，{ $succeeded }/{ $count } 次成功——上线前请重新测试。
faq-a-worked-no-test = 尚未测试：“测试”步骤会进行测试交易并显示结果。
faq-q-change = 更换结算账户或机构怎么办？
faq-a-change = 换绑：在工单列表中选中本工单，按 b 换绑新结算账户（保留终端），或按 B 更换机构（需新终端：旧终端已注入原收单机构的密钥，须退还原机构）。命令行：posbind cases rebind { $id } --reason account（或 institution）。
faq-heed-title = 注意事项
faq-heed-licensed = 选择持牌机构。
faq-heed-licensed-licence = { $name } 持有支付业务许可证 { $licence }；请在中国人民银行公布的名单中核实。
faq-heed-licensed-bank = { $name } 是银行：凭银行业务许可开展收单，没有支付业务许可证编号。
faq-heed-licensed-missing = { $name } 未显示支付业务许可证编号：核实之前请勿签约。
faq-heed-licensed-general = 只有银行和持有支付业务许可证的非银行支付机构可以开展收单；“机构”步骤会显示每家机构的许可证。
faq-heed-true = 提供真实、完整的材料。
faq-heed-true-text = 每份材料都须真实、有效且属于本商户；虚假材料将导致合同终止，并可能被上报。
faq-heed-rules = 遵守机构的规定。
faq-heed-rules-text = 仅在登记的地址、为登记的经营范围使用终端；不得套现，不得出借终端，未经批准不得移机。
faq-heed-data = 保护个人信息和交易数据。
faq-heed-data-text = 身份证复印件、卡号和签购单须妥善锁存；不得存储卡数据或密码；不要提供给电话索取的任何人。
faq-heed-maintain = 定期检查和更新终端。
key-d = d
act-sample-case = 演示：用样例商户新建工单
case-sample-hint = d：用样例商户填写新工单（演示，无需输入）。
case-sample-demo-only = 只有 posbind demo 提供样例商户。
case-sample-created = 已用样例商户新建工单：资料和样例扫描件均已填好。下一步请选择机构。
case-sample-failed = 无法写入样例扫描件：{ $error }
binding-sim-label = 演示：模拟终端机身标签上的序列号为 { $serial }。
faq-id-placeholder = 工单号
key-case-list-only = 此键用于工单列表（第 1 步）。
case-col-serial = 序列号
## wizard polish A (issue 15)
test-state-running = 运行中：第 { $index } 次，共 { $count } 次。
test-state-paused = 已暂停——按 p 继续，按 x 停止。
test-state-stopping = 当前交易完成后停止（测试消费会先撤销）。
help-label-separator = {" / "}
notice-last-step = 这是最后一步，没有下一步。按 Enter 生成报告，按 q 退出。
case-rebind-ask-account = 为“{ $name }”更换结算账户？这会新建一个工单，并把当前工单标记为已被取代。再按一次 b 确认新建，按其他键取消。
case-rebind-ask-institution = 为“{ $name }”更换收单机构？这会为新终端新建一个工单，并把当前工单标记为已被取代。再按一次 B 确认新建，按其他键取消。
notice-first-step = 这是第一步，无法再返回。
notice-row-read-only = 这一行仅供查看：用上/下选择要修改的行。
golive-no-list = 此页没有可移动的列表：按 Enter 生成报告，按 Esc 返回。
institution-debit-cap = 借记封顶 { $cap } 元
institution-debit-no-cap = 借记不封顶
id-long-term = 长期
fee-cap = 封顶 { $cap } 元
fee-no-cap = 不封顶
offer-warn-fee = 该报价收取“{ $zh }”{ $yuan } 元：问清用途、收取时间以及能否退还。
help-scroll = 上/下 滚动
test-chart-mark = { $name } { $ms }ms
materials-remove-ask = 从工单中移除“{ $item }”登记的文件？再按一次 Del 移除（磁盘上的文件本身保留），按其他键保留。
materials-removed = 已从工单中移除该文件。
materials-remove-none = 这里没有可移除的内容：Del 用于移除材料行登记的文件。
materials-no-warning = 这一行没有需要确认的提示：c 用于确认标有 [!] 的行。
test-not-running = 当前没有运行中的测试：p 和 x 作用于运行中的测试（在“开始”上按 Enter 开始）。
activation-nothing-to-confirm = 没有需要确认的内容：终端不上报序列号时，c 用于人工确认序列号。
review-confirm-on-record = c 用于在有提示时仍记录审核结果：请在“记录审核结果”一行使用。
case-rebind-pick = b 和 B 用于换绑工单：请先选中该工单。
row-full-text = { $label }：{ $value }

## 需要处理：记录所依据的资料已更改（见 src/onboarding/basis.rs）
attention-application = 第 { $revision } 版提交后资料已更改：请作为第 { $next } 版重新提交。
attention-review = 审核通过所依据的资料已更改：请重新提交，再记录机构新的审核结果。
attention-contract = 合同是按其他机构或其他审核结果签署的：请核对条款后重新确认。
attention-binding = 绑定要素已更改（序列号、机构、商户号、信用代码、结算账户或装机地点）：请重新确认绑定。
attention-activation = 终端是按其他序列号、机构或终端号激活的：请重新激活。
attention-test = 测试早于当前的激活：请重新测试。
attention-go-live = 报告生成后工单已更改：请重新生成报告。
attention-waits = 等待“{ $step }”处理完毕。
missing-test-payment = 须通过消费测试，或记录“无测试卡，无法做消费测试”（w）
activation-not-ready = 终端未报告就绪（状态 { $status }）：激活未完成。
activation-other-tid = 终端报告的终端号为 { $reported }，批准的终端号为 { $approved }：激活未完成。请重新激活（从写入终端号开始）。
lifecycle-draft = 草稿
lifecycle-submitted = 已提交（第 { $revision } 版）
lifecycle-rejected = 被驳回（第 { $revision } 版）
lifecycle-approved = 已审核通过
lifecycle-bound = 已绑定
lifecycle-activated = 已激活
lifecycle-tested = 已测试
lifecycle-live = 已上线
lifecycle-needs-attention = 需要处理
lifecycle-superseded = 已被取代
cases-header-id = 工单号
cases-header-updated = 最近修改
cases-header-status = 状态
cases-header-step = 步骤
cases-header-merchant = 商户
report-inconsistent = 不生成报告：以下步骤须先处理：{ $steps }。
key-w = w
act-waive-payment-test = 无测试卡：记录无法做消费测试（按两次）
test-waiver-needs-connectivity = 请先通过连通性测试，然后按 w 记录“无测试卡”。
test-waiver-confirm = 再按一次 w 记录：无法做消费测试（无测试卡）。报告会注明。
test-waiver-recorded = 已记录：无法做消费测试（无测试卡）。报告已注明。
run-payment-test-missing = 连通性测试已通过，但只有消费测试才能证明终端可用：请用测试卡以 mode = "payment" 运行，或在 [test] 中设置 no_test_card = true 记录无测试卡。
activation-records-dropped = 终端与标签一致，但未以批准的终端号报告就绪（状态 { $status }）：之前的激活已不成立，请重新激活。
report-test-line-payment = 消费测试：{ $count } 笔，每笔 { $yuan } 元（测试卡），均已撤销
report-test-line-connectivity = 连通性测试：{ $count } 轮（与主机的诊断交易，无消费）
report-test-current = 以 { $at } 的测试为结果；以下测试不作为结果。
report-test-not-current = 不作为结果
report-waiver = 无法做消费测试（无测试卡），记录于 { $at }：仅证明了与主机的连接。有测试卡时请补做消费测试。
report-connectivity-only = 仅连通性测试：未测试消费，也未记录“无测试卡”。本报告不能证明终端可以收款。
report-link-only = 仅连通性
replay-write-failed = 工单已保存，但回放答案文件未能写入：{ $error }
cases-export-changed = 第 { $revision } 版提交后工单已更改：现在导出的内容与提交的不符。已提交的材料包在 { $outbox }；请先将更改作为下一版提交。
test-passed-connectivity = 连通性测试通过：与主机的连接正常。只有消费测试才能证明可以收款；没有测试卡时，按两次 w 记录。
activation-recorded-reconnect = 记录显示已于 { $at } 激活。请连接以重新读取终端：此后被重置或重新灌密钥的终端不再算作已激活。
step-attention-line = 需要处理：{ $why }
test-result-link-only = 连通性正常：{ $ok }/{ $count } 成功；尚未测试消费。

## 资金安全：已入账的消费、待撤销记录、恢复、通过规则
loop-committed-no-receipt = 已入账，posbind 无法撤销：一笔 { $amount } 元的测试消费（{ $time }）已入账，但无法读出凭证号。请在终端自带菜单上撤销（撤销最后一笔）或办理退款，然后执行 `posbind pending ack { $id }`。
pending-no-receipt = 已入账，无凭证号：终端 { $terminal } 上一笔 { $amount } 元的测试消费（{ $time }）已入账，posbind 无法撤销。请在终端菜单上撤销或退款，然后执行 `posbind pending ack { $id }`。
pending-state-no-receipt = 已入账，凭证号无法读取：请在终端上撤销后确认（ack）
pending-state-damaged = 记录已损坏：请查看终端流水后确认（ack）
pending-store-unreadable = 无法读取未了结测试消费的记录（{ $error }）。在能读取之前不会发起测试消费，也不会有工单上线：请修复该文件或其权限。
pending-store-damaged-line = { $path } 第 { $line } 行：不是可读的记录（{ $reason }）；已跳过，其余各行照常有效。
pending-terminal-unknown = 终端未报告序列号或终端号，无法跟踪其测试消费：未发起任何消费。请检查连线后重试。
pending-ack-voidable = 消费 { $id }（凭证号 { $receipt }，{ $amount } 元，{ $time }）尚未了结：posbind 下次连接终端 { $terminal } 时仍可撤销或查明是否入账。请连接终端并运行任一命令（如 `posbind probe`）。如已自行撤销或退款，请加 --accept-unvoided-risk。
lock-payments-held = 另一个 posbind 进程（pid { $pid }）正在与终端 { $terminal } 处理测试消费。请等其结束或将其关闭；此处未发起也未撤销任何消费。
lock-index-held = 另一个 posbind 进程（pid { $pid }）正在写工单索引。工单本身已保存；列表会重新读取它。
recovery-ask = 正在查询终端的最后一笔交易（恢复时限剩余 { $left } 秒）…
recovery-reversal = 正在撤销测试消费，第 { $attempt } 次（恢复时限剩余 { $left } 秒）…
recovery-check = 在确认撤销前核对终端的最后一笔交易（剩余 { $left } 秒）…
rule-stopped = 未通过：{ $planned } 轮中只运行了 { $ran } 轮。
rule-rounds-failed = 未通过：{ $ran } 轮中有 { $failed } 轮失败。
rule-unreversed = 未通过：该终端仍有 { $payments } 笔测试消费未了结。
rule-terminal-p95 = 未通过：终端与主机耗时第 95 百分位为 { $p95 } 毫秒（不含持卡人操作时间）；上限为 { $limit } 毫秒（--p95-ms）。

## rejection rules (issue 25)
rule-severity-refuse = 会被驳回
rule-severity-warn = 可能被质询
app-reject-title = 提交前：审核会驳回什么
app-reject-none = 本申请没有违反审核规则。
app-reject-line = 可能被驳回，因为{ $what }（依据：{ $source }）
app-question-line = 可能被质询：{ $what }（依据：{ $source }）
step-reject-first = 审核预判，可能被驳回：{ $what }{ $more ->
        [0] {""}
       *[other] 另有 { $more } 项。
    }按 F1 查看每项依据。
step-question-first = 审核预判，可能被质询：{ $what }{ $more ->
        [0] {""}
       *[other] 另有 { $more } 项。
    }按 F1 查看每项依据。
app-reject-blocks = 请先改正会被驳回的内容再提交
reject-mcc-nonprofit-body = MCC { $mcc } 属公益类，只适用于非营利机构（统一社会信用代码以 12、51、52 或 53 开头；本商户为 { $prefix }）：经营性商户使用即为跳码。
reject-mcc-nonprofit-proof = MCC { $mcc }（公益类）须在材料中提供非营利机构证明（事业单位法人证书、民办非企业单位登记证书或基金会法人登记证书）。
reject-mcc-micro-licensed-trade = MCC { $mcc } 需要行业许可证或优惠类行业证明，无营业执照的小微商户无法取得：请按真实主营业务选择类别。
reject-mcc-industry-licence = MCC { $mcc } 须在材料中提供{ $zh }。
reject-mcc-discount-proof = MCC { $mcc } 属优惠类：收单机构会要求行业证明（如超市的经营面积和收银台）。
reject-local-coverage = 终端装机地在{ $zh }，不在该机构许可的业务覆盖范围内（{ $covered }）：实体商户收单须本地化经营。
reject-local-coverage-unknown = 目录未写明该机构可在哪些省份收单：请确认其许可覆盖{ $zh }。
reject-local-province-unknown = 装机地址中没有 posbind 认识的省份或城市：请从省份写起（如“广东省深圳市…”）。
reject-local-credit-code-region = 统一社会信用代码的登记地在{ $reg_zh }，终端装在{ $zh }：收单机构会要求分支机构营业执照或当地经营场所证明。
reject-local-mid-region = 商户编号（第 4–7 位）对应{ $mid_zh }，终端装在{ $zh }：不得异地收单，请收单机构按装机省份重新入网。
reject-local-coordinates = 装机坐标（{ $coords }）不在装机地址所在的{ $zh }：请核对坐标。
reject-licence-business-type = 许可证的业务类型（{ $types }）不含实体商户收单（银行卡收单或支付交易处理（Ⅰ类））。
reject-licence-holder-name = 按人民银行公示名单，许可证 { $licence } 属于“{ $holder }”，不是“{ $name }”。
reject-licence-holder-unknown = 目录未写明许可证 { $licence } 属于哪家机构：请在人民银行公示名单上核对编号与名称。
reject-licence-sample-number = 许可证 { $licence } 是 posbind 的样例编号：这不是真实机构。
reject-rep-age = 法定代表人 { $age } 岁：该机构只受理 { $youngest } 至 { $oldest } 岁。
reject-id-validity-age = 有效期至 { $until } 的身份证与 { $born } 年出生不符（有效期按领证时年龄：5、10、20 年，46 岁起为长期）：请核对证件上的日期。
reject-owner-details = 第 { $entries } 位受益所有人缺少国籍、证件有效期或地址（在该条后写“| 国籍 | 有效期 | 地址”）。
reject-offer-below-cost = 报价费率低于该类别下收单机构的成本。
rule-source-mcc-nonprofit-body = 发改价格〔2016〕557号（公益类仅限非营利机构）；GB 32100-2015（统一社会信用代码的登记管理部门和机构类别）
rule-source-mcc-nonprofit-proof = 发改价格〔2016〕557号；收单机构审核规则
rule-source-mcc-micro-licensed-trade = 目录数据（assets/mcc.toml）：行业许可证只发给持照经营者
rule-source-mcc-industry-licence = 药品管理法（药店）、成品油市场管理办法（加油站）、旅馆业治安管理办法（特种行业）、烟草专卖法（烟草）、医疗机构管理条例（医疗）、民办教育促进法（学校）；各 MCC 所需许可证见 assets/mcc.toml
rule-source-mcc-discount-proof = 发改价格〔2016〕557号、银发〔2021〕169号（优惠类）；收单机构审核规则
rule-source-local-coverage = 银行卡收单业务管理办法（中国人民银行公告〔2013〕第9号）：本地化收单；许可证业务覆盖范围（目录 provinces）
rule-source-local-coverage-unknown = 目录数据（未写 provinces）
rule-source-local-province-unknown = posbind：本地化收单规则需要省份
rule-source-local-credit-code-region = GB 32100-2015（第 3–8 位为登记管理机关行政区划码）；银行卡收单业务管理办法（本地化收单）
rule-source-local-mid-region = 银行卡收单业务管理办法（本地化收单）；商户编号的地区位按目录中该机构的 mid_region 读取
rule-source-local-coordinates = 银发〔2021〕259号（终端地理位置为绑定要素之一）；assets/regions.toml（近似范围）
rule-source-licence-business-type = 非银行支付机构监督管理条例（国务院令第768号）及其实施细则：许可证载明的业务类型
rule-source-licence-holder-name = 人民银行公示的已获许可支付机构名单（目录 licence_holder）
rule-source-licence-holder-unknown = 目录数据（未写 licence_holder）
rule-source-licence-sample-number = posbind 样例目录（9900 起的序号从未发放）
rule-source-rep-age = 目录数据（rep_age，收单机构的年龄限制）；民法典第十七、十八条（18 岁起完全民事行为能力）
rule-source-id-validity-age = 《居民身份证法》第五条（有效期按领证年龄）
rule-source-owner-details = 受益所有人信息管理办法（中国人民银行、国家市场监督管理总局令〔2024〕第3号）
rule-source-offer-below-cost = 发改价格〔2016〕557号（发卡行服务费与网络服务费；网络服务费由发卡行和收单机构分担）、银发〔2021〕169号（优惠类）
help-rules-title = 审核规则（提交前检查）
help-rule-line = 不符合时{ $severity }。依据：{ $source }
check-case-head = 工单 { $id }（{ $merchant }）：{ $refused } 条规则会导致驳回，{ $questioned } 条可能被质询。
check-case-none = 本工单没有违反审核规则。
check-case-unknown = 没有编号为 { $id } 的工单。
# posbind health (issue 26): a finding says what was found (health-CODE) and one action (health-CODE-action).
cli-health = 已上线工单的健康检查（或 --all）：退出码 0 正常，1 需要处理，2 用法错误，3 无法检查
cli-health--case = 工单编号（默认：唯一的已上线工单）
cli-health--all = 所有已上线工单（离线检查；给出 --port 时也检查绑定该终端的工单）
cli-health--port = 终端：串口设备、tcp://主机[:端口]、sim，或 driver:命令 [参数]（不给则只做离线检查）
cli-health--baud = 串口波特率
cli-health--password = 终端密码（6 位数字）
cli-health--sim = 模拟器设置 KEY=VALUE（配合 --port sim，可重复）
cli-health--currency = 签到所用币种：ISO 4217 数字（156）或代码（CNY）
cli-health--timeout = 每条终端命令最长等待的秒数
cli-health--json = 输出 JSON 供脚本使用（格式见 README）
health-head = 工单 { $id }（{ $merchant }）：{ $state }
health-state-healthy = 正常
health-state-needs-attention = 需要处理
health-state-unchecked = 无法检查
health-level-info = 提示
health-level-attention = 需处理
health-level-urgent = 紧急
health-next = 下次需检查日期：{ $date }
health-not-live = 该工单尚未上线（状态：{ $status }）：请先在向导中完成各步骤。
health-no-live-case = 没有已上线的工单可检查：请指定工单，或先完成一个工单。
health-which-case = 共有 { $count } 个已上线工单：请指定要检查的工单（posbind cases list --status live），或使用 --all。
health-all-summary = 已检查 { $checked } 个已上线工单：{ $healthy } 个正常，{ $attention } 个需要处理，{ $unchecked } 个无法检查。
health-id-expiring = { $whose ->
    [owner] 受益所有人 { $name } 的身份证件
   *[legal-rep] 法定代表人 { $name } 的身份证
  }将于 { $date } 到期（还有 { $days } 天）。
health-id-expiring-action = 请在 { $date } 前把换领后的证件复印件提交给收单机构；证件过期可能导致商户结算被暂停。
health-id-expired = { $whose ->
    [owner] 受益所有人 { $name } 的身份证件
   *[legal-rep] 法定代表人 { $name } 的身份证
  }已于 { $date } 过期。
health-id-expired-action = 请尽快换领证件并立即把复印件提交给收单机构：收到之前机构可能暂停结算。
health-institution-missing = 当前机构目录中已没有“{ $name }”。
health-institution-missing-action = 请在中国人民银行公布的持牌机构名单中核实“{ $name }”仍持有支付牌照，并向目录提供方问明移除原因。
health-institution-revoked = 当前机构目录显示“{ $name }”的支付业务许可证已注销。
health-institution-revoked-action = 请把商户迁移到持牌机构（posbind cases rebind { $case } --reason institution），并停止用此终端收款。
health-institution-unlicensed = 当前机构目录中“{ $name }”没有有效的支付业务许可证编号。
health-institution-unlicensed-action = 继续收款前请在中国人民银行公布的名单中核实其牌照；如无牌照，请改绑其他机构。
health-institution-licence-changed = 目录中“{ $name }”的许可证编号由 { $before } 变为 { $now }。
health-institution-licence-changed-action = 请在中国人民银行公布的名单中核实新编号，并确认其属于“{ $name }”。
health-fee-unconsented = 合同中有一项商户未同意的费用。
health-fee-unconsented-action = 请打开该工单的“合同”步骤，让商户同意或删除该费用；未经同意的费用不得收取。
health-rate-raised = 收单机构的{ $card ->
    [debit] 借记卡
   *[credit] 贷记卡
  }费率现为 { $offer }，商户合同约定为 { $contract }。
health-rate-raised-action = 请用商户的对账单与合同核对：提高费率须重新取得商户同意（如已多收，请致电收单机构）。
health-fee-new = 收单机构现列出一项商户未同意的费用：{ $fee } { $yuan } 元。
health-fee-new-action = 请确认未经商户同意不会向其收取；请书面询问收单机构。
health-end-of-day-overdue = 已有 { $hours } 小时没有结算（批结）记录（上次：{ $since }）。
health-end-of-day-overdue-action = 请今天完成结算：posbind settle（或“维护”界面）；批次中的交易结算后才会入账。
health-open-payments = 此终端有 { $count } 笔测试交易尚未撤销。
health-open-payments-action = 请连接终端（posbind probe --port 端口 会撤销它们）或按 posbind pending list 处理；有未撤销交易时切勿发起新交易。
health-serial-differs = 终端报告的序列号为 { $reported }，但工单绑定的是 { $bound }。
health-serial-differs-action = 请使用已绑定的终端；更换终端须先解绑旧机再绑定新机（换机），并告知收单机构。
health-tid-differs = 终端报告的终端号为 { $reported }，但收单机构核准的是 { $bound }。
health-serial-not-reported = 终端没有报告序列号：无法核实它就是已绑定的终端（{ $bound }）。
health-serial-not-reported-action = 请核对终端机身标签是否为 { $bound }；从不报告序列号的终端由人工核对。
health-tid-not-reported = 终端没有报告终端号：无法核实它使用的是核准的终端号 { $bound }。
health-tid-not-reported-action = 请在终端上签到后再做一次健康检查；仍不报告的，请向收单机构询问。
health-tid-differs-action = 请停止用它收款并致电收单机构：交易会以其他终端号结算。
health-not-ready = 终端未就绪（状态 { $status }）。
health-not-ready-action = 请在向导的“激活”步骤重新激活，或致电收单机构客服。
health-software-old = { $model } 的软件版本 { $version } 低于收单机构要求的 { $minimum }。
health-software-old-action = 请让终端更新软件（终端菜单或收单机构的服务人员），以免被收单机构拒绝。
health-software-unknown = 终端的软件版本（{ $version }）无法与最低版本 { $minimum } 比较。
health-software-unknown-action = 请在终端屏幕上查看版本号并自行比较。
cli-settle = 已上线工单终端的结算（批结）：显示批次总额并记入工单
cli-settle--case = 工单编号（默认：唯一的已上线工单）
cli-settle--port = 串口设备（/dev/ttyUSB0、COM3）、tcp://主机[:端口]、内置模拟器 sim，或驱动程序 driver:命令 [参数]
cli-settle--baud = 串口波特率
cli-settle--password = 终端密码（6 位数字）
cli-settle--sim = 模拟器设置 KEY=VALUE（配合 --port sim，可重复）
cli-settle--currency = 签到所用币种：ISO 4217 数字（156）或代码（CNY）
cli-settle--timeout = 每条命令最长等待的秒数（终端期间发送什么都不延长）
cli-settle--json = 输出 JSON 供脚本使用
settle-wrong-terminal = 这不是该工单的终端：它报告序列号 { $serial }、终端号 { $tid }，工单绑定的是 { $bound }、终端号 { $approved }。未做任何操作。
settle-open-payments = 此终端还有 { $count } 笔测试交易未撤销：结算会把它们结算给商户。请先撤销（posbind pending list）；未做任何操作。
settle-running = 结算（批结）：终端正在关闭批次……
settle-total = 批次总额 { $yuan } 元
settle-no-total = 终端未报告总额
settle-done = 工单 { $id }（{ $merchant }）终端号 { $tid } 已完成结算：{ $total }。已记入工单日志。
day-title = 结算日报
day-at = 结算时间
day-since = 批次开始（上次结算或上线）
day-currency = 币种（ISO 4217）
day-note = 总额为终端关闭的批次，以终端报告为准：上次结算以来的交易，已撤销的不计。此后的交易计入下一批次。请与终端打印的结算单核对，并一起保存。
day-sign-cashier = 收银员
settle-report = 结算日报（一页 A4）：{ $path }
cli-exceptions = 上线后出现问题时怎么办，按工单数据作答（也可用：posbind help exceptions）
cli-exceptions--case = 工单编号（默认：唯一的已上线工单；没有则给出通用回答）
exc-title = 出现问题时 / When something goes wrong
exc-phone-unknown = 见合同上的客服电话（目录中未登记）
exc-institution-general = 您的收单机构
exc-terminal = 序列号 { $serial }、终端号 { $tid }、商户号 { $mid } 的终端
exc-terminal-general = 您的终端（序列号见标签，终端号和商户号见每张签购单）
exc-address-general = 登记的装机地址
exc-q-slip = 签购单没有打印出来。
exc-a-slip = 在确认这笔交易是否成功之前，不要再刷一次卡。用终端的重打印功能（“重打上一笔”）再打印最后一笔交易，或在交易查询中查找；也可以让 posbind 向终端查询：“维护”界面的“末笔交易查询”一行（终端在激活页面连接）会显示其凭证号、金额和是否批准。有凭证号的记录，说明交易成功，把重打印的签购单交给顾客；没有记录，说明交易未成功，也没有扣款。缺纸时先装纸。仍不清楚时，请致电{ $institution }，电话：{ $phone }，说明{ $terminal }和交易时间。
exc-q-double = 怀疑重复扣款？
exc-a-double = 核对终端最近的交易（交易查询）：金额相同、凭证号不同的两条记录是两笔交易；只有一条记录就是一笔交易，不论顾客的银行 App 暂时显示什么。多出的一笔：在所属批次未结算前（当天、结算之前）用撤销退回，全额，凭卡和凭证号在终端菜单上操作，款项不会结算给您，卡上冻结的金额随即释放。结算之后只能退货：可全额或部分，须在收单机构规定的期限内，款项几个工作日后退回卡上，手续费可能不退。
exc-a-double-batch = posbind 在此终端上最近一次结算是 { $at }：此后的交易仍在未结批次中，用撤销；此前的交易用退货（在终端菜单上做的结算 posbind 无从得知）。
exc-a-double-general = posbind 没有此终端的结算记录：最近一次结算（posbind settle 或终端菜单）之后的交易用撤销，之前的用退货。
exc-a-double-reversal = 冲正不需要您发起：终端收不到交易应答（断线、超时）时，会自行与主机取消这笔交易，当时或下次联机时完成。顾客卡上可能有几个工作日显示冻结，直到发卡行释放；这不是第二次扣款，不要再撤销或退货。
exc-q-stuck = 交易一直显示“处理中”。
exc-a-stuck = 等终端自己超时（约一分钟）：期间不要拔线、关机或发起新交易。若结束时没有结果，查最后一笔交易（交易查询或重打印）：已记账就是成功的交易，把签购单交给顾客；未记账，终端会自行冲正，请顾客重新支付。posbind 发起而未能撤销的测试交易留在它的清单中：posbind pending list。
exc-q-update = 软件更新后终端拒绝刷卡。
exc-a-update = 先检查终端：posbind health { $id } --port 端口 会将它的序列号、终端号和软件版本与工单及收单机构的最低版本比较。然后在终端菜单上重新签到，让它加载参数和密钥。仍然拒绝时，请致电{ $institution }，电话：{ $phone }，说明{ $terminal }；更新后可能需要主机下发新参数。不要自行恢复出厂设置：密钥会丢失。
exc-q-lost = 终端丢失或被盗。
exc-a-lost = 立即致电{ $institution }，电话：{ $phone }，停用{ $terminal }，以免有人用它收款或退货；被盗请报警并保留报案回执编号。找回的终端在收单机构重新启用前不得使用；为本商户换新终端须经收单机构办理，而不是重新申请。
exc-q-never = 千万不要做的事
exc-a-never-lend = 出借终端，或让他人用它收款：每笔交易都记入您的商户账户，收单机构会因出借终端和套现关闭商户。
exc-a-never-move = 未事先告知{ $institution }就把终端从 { $address } 搬走：移机须经其批准并重新登记装机地址；终端报告的位置与登记不符会被停用。
exc-a-never-rate = 让任何人在终端上“调费率”：您的费率是借记卡 { $debit }、贷记卡 { $credit }，由{ $institution }在合同中约定，任何人都不能在终端上改。主动提出降低费率、索要终端密码或要拿走终端“升级系统”的，都是诈骗。
exc-a-never-rate-general = 让任何人在终端上“调费率”：您的费率由收单机构在合同中约定，任何人都不能在终端上改。主动提出降低费率、索要终端密码或要拿走终端“升级系统”的，都是诈骗。
cli-cases-move = 已上线工单的终端经收单机构批准移机：新的装机地址和位置，重新确认绑定，重新生成报告
cli-cases-move--id = 工单编号
cli-cases-move--address = 新的装机地址（须在同一省份）
cli-cases-move--location = 新的装机位置，“纬度, 经度”
cli-cases-move--approval = 收单机构批准移机的编号
cli-cases-move--json = 输出 JSON 供脚本使用
move-no-approval = 移机须先经收单机构批准：请用 --approval 填写批准编号。未做任何更改。
move-same-address = 终端已登记在此地址。未做任何更改。
move-no-province = 地址“{ $address }”中没有 posbind 能识别的省份或城市：请从省或市写起。未做任何更改。
move-other-province = 终端不得跨省移机（{ $from } → { $to }）：收单业务限于本地，终端会报告其位置。须由收单机构在当地另行装机，另建工单。未做任何更改。
move-location-outside = 位置 { $location } 不在新地址所在的{ $province }：请核对坐标（纬度在前）。未做任何更改。
move-done = 工单 { $id } 已记录移机：现装机地址为 { $address }；已按新位置重新确认绑定并重新生成报告：{ $report }
report-upkeep = 上线之后
report-move = { $at }：从 { $from } 移机到 { $to }，收单机构批准编号 { $approval }
cli-cases-replace = 已上线工单的终端经收单机构批准换机：解绑旧终端，绑定、激活并测试新终端，重新生成报告
cli-cases-replace--id = 工单编号
cli-cases-replace--serial = 新终端的序列号（见其标签）
cli-cases-replace--approval = 收单机构批准换机的编号
cli-cases-replace--port = 新终端：串口设备（/dev/ttyUSB0、COM3）、tcp://主机[:端口]、内置模拟器 sim，或驱动程序 driver:命令 [参数]
cli-cases-replace--baud = 串口波特率
cli-cases-replace--password = 终端密码（6 位数字）
cli-cases-replace--sim = 模拟器设置 KEY=VALUE（配合 --port sim，可重复）
cli-cases-replace--currency = 签到和支付所用币种：ISO 4217 数字（156）或代码（CNY）
cli-cases-replace--timeout = 每条命令最长等待的秒数（终端期间发送什么都不延长）
cli-cases-replace--json = 输出 JSON 供脚本使用
replace-no-approval = 换机须先经收单机构批准：请用 --approval 填写批准编号。未做任何更改。
replace-same-serial = 这是已绑定终端自己的序列号：请填写新终端标签上的序列号。未做任何更改。
replace-serial-not-reported = 此端口上的终端不报告序列号，posbind 无法确认它就是标签上的新终端。未做任何更改。
replace-test-failed = 新终端已绑定并激活，但测试未通过：工单尚未重新上线。请再次运行同一命令（将继续完成换机）。
replace-done = 工单 { $id } 已记录换机：终端 { $serial } 已绑定、激活并通过测试；已重新生成报告：{ $report }
report-replacement = { $at }：终端 { $old } 换为 { $new }（换机），收单机构批准编号 { $approval }
maint-summary = 维护（已上线）
maint-explain = 工单已上线：健康检查、结算，以及经收单机构批准的移机或换机。出现问题时按 F1 查看处理办法。
maint-eod = 结算（批结）
maint-eod-none = 尚无记录
maint-eod-last = 上次 { $at }，{ $yuan } 元
maint-eod-done = 结算完成：批次总额 { $yuan } 元，已记入工单日志。结算日报：{ $path }
maint-eod-done-no-total = 结算完成（终端未报告总额），已记入工单日志。结算日报：{ $path }
maint-findings-more = ……另有 { $count } 项：posbind health 会全部列出。
maint-eod-report-failed = 结算已完成并记入工单日志，但结算日报未能写入：{ $why }
maint-last = 末笔交易查询
maint-last-hint = 回车：向激活页面连接的终端查询最后一笔交易（签购单没打出来、顾客对扣款有疑问时）；不会改动终端上的任何内容。与签购单核对，需要时在终端自带菜单上重打。
maint-last-approved = 终端最后一笔交易：凭证号 { $receipt }，流水号 { $trace }，{ $yuan } 元，已批准。顾客为此付的款有效；重复扣款会显示为另一个凭证号。
maint-last-declined = 终端最后一笔交易：凭证号 { $receipt }，流水号 { $trace }，{ $yuan } 元，未批准（代码 { $code }）：这笔没有扣款。
maint-last-none = 终端报告没有最后一笔交易。
maint-last-failed = 终端未能告知最后一笔交易：{ $why }
maint-eod-hint = 回车：在激活页面连接的终端上结算（必须是本工单的终端，且没有未撤销的测试交易）；总额记入工单。命令行 posbind settle 作用相同。
maint-move-address = 移机：新地址
maint-move-location = 移机：新位置
maint-approval = 批准编号
maint-move-confirm = 移机：确认
maint-empty = （回车输入）
maint-move-hint = 移机须先经收单机构批准。输入新地址（同一省份）、位置“纬度, 经度”和批准编号，然后在“移机：确认”上回车：按新位置重新确认绑定，并重新生成报告。
maint-move-done-told = 已记录移机：绑定已更新为新位置，报告已重新生成。给收单机构的变更通知（请通过其渠道提交）：{ $path }
maint-move-done = 已记录移机：绑定已更新为新位置，报告已重新生成。
maint-replace-serial = 换机：新序列号
maint-replace-confirm = 换机：确认
maint-replace-hint = 换机须经收单机构批准。输入新终端标签上的序列号和批准编号，然后在“换机：确认”上回车：解绑旧终端，随后为新终端完成绑定、激活和测试。
maint-replace-done-told = 已记录换机：请确认新终端的绑定，然后激活并测试。给收单机构的变更通知（请通过其渠道提交）：{ $path }
maint-replace-done = 已记录换机：请确认新终端的绑定，然后激活并测试。
maint-healthy = 健康检查：目前没有需要处理的事项。
id-kind-resident = 中华人民共和国居民身份证
id-kind-passport = 护照
id-kind-hk-macao = 港澳居民来往内地通行证
id-kind-taiwan = 台湾居民来往大陆通行证
id-kind-foreign-permanent = 外国人永久居留身份证
field-m-id-kind = 证件类型
field-m-nationality = 国籍
field-m-birth-date = 出生日期
hint-m-id-kind = 按回车切换证件：居民身份证、护照、港澳通行证、台湾通行证、外国人永久居留身份证。
hint-m-nationality = 护照或永久居留身份证上的国籍（如 GBR、英国）。
hint-m-birth-date = 证件上的出生日期（YYYY-MM-DD）：此类证件号码不含出生日期。
check-id-doc-format = 号码不符合{ $kind ->
        [passport] 护照号码（5–17 位字母和数字）
        [hk_macao_permit] 港澳通行证（H 或 M 加 8 或 10 位数字）
        [taiwan_permit] 台湾通行证（8 位数字，或 10 位数字加一个字母）
        [foreign_permanent] 外国人永久居留身份证（以 9 开头的 18 位数字，或 3 个字母加 12 位数字）
       *[other] 证件号码
    }的格式。
check-birth-date = 请按 YYYY-MM-DD 填写出生日期（真实日期，不能晚于今天）。
check-owners-validity = 第 { $entry } 位受益所有人：证件有效期不是日期（只有居民身份证可为“长期”），或已过期。
offer-warn-settlement-fee = { $settlement } 结算每笔另收 { $rate }。
offer-warn-withdrawal-fee = 每次提现收费 { $yuan } 元。
rule-title-mcc-nonprofit-body = 公益类 MCC 仅限非营利机构
rule-title-mcc-nonprofit-proof = 公益类 MCC 须提供非营利机构证明
rule-title-mcc-micro-licensed-trade = 小微商户不能使用须许可或优惠类的 MCC
rule-title-mcc-industry-licence = 行业许可证
rule-title-mcc-discount-proof = 优惠类 MCC 的行业证明
rule-title-local-coverage = 装机省份在机构业务覆盖范围内
rule-title-local-coverage-unknown = 目录写明机构的覆盖范围
rule-title-local-province-unknown = 装机地址写明省份
rule-title-local-credit-code-region = 信用代码登记地与装机省份
rule-title-local-mid-region = 商户编号地区与装机省份
rule-title-local-coordinates = 装机坐标在地址所在省份内
rule-title-licence-business-type = 许可证业务类型含收单
rule-title-licence-holder-name = 许可证编号与机构名称一致
rule-title-licence-holder-unknown = 目录写明许可证持有人
rule-title-licence-sample-number = 演示以外不用样例许可证编号
rule-title-rep-age = 法定代表人年龄在机构限制内
rule-title-id-validity-age = 身份证有效期与年龄相符
rule-title-owner-details = 受益所有人的国籍、有效期和地址
rule-title-offer-below-cost = 报价不低于收单机构成本
answers-offer-accepted-key = 已按 contract.accept "{ $key }" 接受报价提示：{ $what }
answers-offer-accepted-flag = 已按 --accept-warnings 接受报价提示（"{ $key }"）：{ $what }
contract-row-debit-cap = 借记卡封顶
contract-bad-cap = 请输入每笔借记卡封顶金额（元），如 20（不封顶填 0）。
contract-diff-debit-cap = 合同借记卡封顶 { $contract } 元与报价 { $other } 元不一致。
contract-ack-debit-cap = 合同借记卡封顶 { $contract } 元与商户申请时确认的 { $other } 元不一致。
contract-accepts-warning = 同意即接受：{ $what }
answers-offer-accepted-wizard = 已在向导的合同步骤接受报价提示（"{ $key }"）：{ $what }

## 无收银接口的终端：人工确认的激活和测试（电签POS、智能POS、MPOS、无接口的移动POS、收款码）
person-step-activation-code = 输入激活码
person-step-key-download = 参数及密钥下载
person-step-sign-on = 签到（核对签到单）
person-step-bind-mid = 收款码绑定商户号
person-hint-activation-code = 安装人员在终端上输入收单机构提供的激活码（终端需联网：4G 或 Wi-Fi）。完成后按 Enter 确认。
person-hint-key-download = 终端激活后自动从 TMS 下载参数和密钥；看到下载成功的提示后按 Enter 确认。
person-hint-sign-on = 在终端上签到，把签到单（纸质或屏幕上的电子单）上的商户号、终端号和机身序列号抄到上面三行，然后按 Enter：与批准单和机身标签一致才记录。
person-hint-bind-mid = 在收单机构的商户后台或应用里把收款码绑定到商户号，把其显示的商户号抄到上面一行，然后按 Enter：与批准单一致才记录。
person-mid-differs = 填写的商户号与批准的商户号不一致：请核对签到单、签购单或商户后台，未记录。
person-tid-differs = 填写的终端号与批准的终端号不一致：请核对签到单或签购单，未记录。
person-serial-differs = 填写的序列号与机身标签不一致：可能是另一台终端，未记录。
person-reference-invalid = 请填写单据上的参考号或订单号（字母和数字，最多 40 个）。
person-has-link = 该终端通过收银接口连接：由 posbind 驱动终端完成激活和测试，无需人工确认。
person-who-missing = 请先在“确认人”一行填写确认人的姓名或角色。
person-step-first = 请按顺序确认：前面的步骤还没有确认。
missing-person-slip = 填写签到单（或收款码绑定）上的商户号等信息
missing-person-test-qr = 确认扫码测试付款及其退款
missing-person-test = 确认测试消费及其撤销
person-who = 确认人
person-slip-mid = 签到单商户号（MID）
person-slip-tid = 签到单终端号（TID）
person-slip-serial = 签到单序列号
person-qr-mid = 绑定的商户号（MID）
person-receipt-mid = 签购单商户号（MID）
person-receipt-tid = 签购单终端号（TID）
person-receipt-reference = 签购单参考号
person-qr-order = 付款订单号
person-test-confirm = 确认：已消费并撤销
person-test-confirm-qr = 确认：已付款并退款
person-confirmed-by = 人工确认：{ $who }，{ $at }
person-step-recorded = 已记录为人工确认（并非终端核验）。
person-test-recorded = 测试已记录为人工确认（并非终端核验）。
person-link-row = 收银接口
person-link-none = 无（人工确认）
person-link-yes = 有（ZVT 或驱动）
person-link-changed = 已更改收银接口设置；人工确认的记录已清除。
person-no-terminal-keys = 此处 posbind 不连接终端：没有可暂停、停止、免除或由终端确认的操作。请按 Enter 逐步人工确认。
person-qr-payment-mid = 付款记录商户号（MID）
golive-test-person = 人工确认
run-person-no-port = 此类终端（{ $type }）没有收银接口：不打开任何端口，按答案文件 [person] 中人工确认的内容记录。
run-person-missing = 答案文件缺少 [person]：此类终端没有收银接口，需写明确认人（confirmed_by）、已完成的步骤（done）、签到单（slip）和首张签购单（receipt）。
run-person-step = 人工确认（{ $who }）：{ $step }
run-person-test-qr = 人工确认（{ $who }）：扫码测试付款及退款，订单号 { $reference }
run-person-test = 人工确认（{ $who }）：测试消费及撤销，参考号 { $reference }
report-person-confirmed = 人工确认：{ $who }，{ $at }
report-terminal-confirmed-steps = 终端于 { $at } 确认：{ $steps }。
report-person-slip = 签到单：商户号 { $mid }，终端号 { $tid }，序列号 { $serial }（人工填写，已与批准单及标签核对）
report-person-qr-mid = 绑定的商户号 { $mid }（人工填写，已与批准单核对）
report-person-receipt-qr = 首笔付款：商户号 { $mid }，订单号 { $reference }，金额 { $amount } 元（人工填写）
report-person-receipt = 首张签购单：商户号 { $mid }，终端号 { $tid }，参考号/订单号 { $reference }，金额 { $amount } 元（人工填写）
report-person-test-qr = 测试：扫码付款及退款由人工确认
report-person-test = 测试：消费及撤销由人工确认
faq-a-worked-person = 已于 { $at } 激活，由 { $who } 人工确认（签到单上的商户号、终端号和序列号已与批准单和标签 { $serial } 核对，终端号 { $tid }）。posbind 没有连接该终端：没有一项是终端核验的。
faq-a-worked-person-qr = 已于 { $at } 将收款码绑定到商户号，由 { $who } 人工确认。posbind 没有连接任何设备。
faq-a-worked-person-test-qr = { $at } 的测试：0.01 元扫码付款及其退款由 { $who } 人工确认，订单号 { $reference }。
faq-a-worked-person-test = { $at } 的测试：0.01 元消费及其撤销由 { $who } 人工确认，参考号 { $reference }。
notice-title = 终端绑定信息变更通知
notice-explain = 致收单机构：已获批准的变更，以及变更后的五要素绑定信息。posbind 不会代为发送：请连同批准编号，通过收单机构自己的渠道提交。
notice-change = 变更
notice-move = 移机：从{ $from }移至{ $to }
notice-replacement = 换机：终端 { $old } 换为终端 { $new }
notice-approval = 收单机构批准编号
notice-at = 记录时间
notice-written = 给收单机构的变更通知（请通过其渠道提交）：{ $path }
