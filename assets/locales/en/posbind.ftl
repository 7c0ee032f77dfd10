# posbind — English messages. Every id here must also exist in zh-CN/posbind.ftl.

app-name = posbind
header-demo = DEMO (simulated terminal)
header-lang = English (F2: 中文)
size-too-small = posbind needs a terminal of at least 80x24; this one is { $cols }x{ $rows }. Please enlarge the window, or press q or Ctrl-C to quit (everything is saved).
list-separator = {", "}

## Keys and actions (hint bar and help)
key-f1 = F1
key-f2 = F2
key-next = PgDn
key-back = Esc
key-esc = Esc
key-enter = Enter
key-up = Up
key-down = Down
key-plus = +
key-minus = -
key-tab = Tab
key-backtab = Shift-Tab
key-q = q
key-ctrl-c = Ctrl-C
act-help = Help
act-next = Next
act-back = Back
act-cancel = Cancel
act-confirm = Confirm
act-up = Move up
act-down = Move down
act-select = Choose
act-increase = More
act-decrease = Fewer
act-focus = Focus
key-close-help = Esc/F1
key-scroll = ↑↓ PgUp/PgDn
act-close-help = Close
act-scroll = Scroll
act-help-page = Keys/FAQ
act-focus-back = Switch focus back
act-lang = 中文
header-lang-ascii = English (F2: zh-CN)
act-lang-ascii = zh-CN
act-quit = Quit
act-force-quit = Quit, all saved (twice: at once)

## Help
help-title = Help: { $step }
help-keys = Keys
help-close = Press F1 or Esc to close help.
side-case-heading = This case
side-highlighted-heading = Highlighted case
side-progress-label = Progress
side-progress = { $done } of { $total } steps done
side-pos-label = POS type
side-pos = { $type } × { $count }
side-institution-label = Institution
side-mid-label = MID
side-mid-tid-label = MID / TID
side-help-more = F1: every key; then Tab: common questions about this case.

## Steps
step-case-title = Case
step-case-summary = Start a new merchant case or resume one
step-case-explain = Each merchant is a case. What you confirm is saved at once, and a field being typed when you quit, so you can stop at any time and continue later where you left off.
help-case = Choose "New case" and type the merchant's registered name, or pick an existing case to continue where it was left.
    Cases are saved on this computer; field installers can keep many.
    Press F2 to switch the language at any time.

step-pos-type-title = POS type
step-pos-type-summary = Pick the terminal that suits the business
step-pos-type-explain = Choose how the merchant takes payments; posbind recommends terminal types for that scenario with their pros and cons.
help-pos-type = 1. Pick the business scenario with Up/Down and Enter.
    2. Pick a recommended terminal type (the first one fits best) and press Enter.
    3. Set how many terminals with + and -.
    Beware of offers that hide deposits or "activation fees" in cheap terminals.

step-materials-title = Materials
step-materials-summary = Prepare and check the documents
step-materials-explain = The merchant type decides which documents are needed. Key data is checked when a field is confirmed with Enter; missing items are listed plainly.
help-materials = Business licence, ID card of the legal representative, settlement account and shop photos are needed, depending on the merchant type.

step-institution-title = Institution
step-institution-summary = Choose the acquirer (收单机构)
step-institution-explain = Compare acquirers (收单机构): rates, deposit, fees, settlement and review time. Banks need no payment licence; non-bank institutions do.
help-institution = A non-bank payment institution (非银行支付机构) must hold a payment business licence (支付业务许可证): check its number on the central bank's public list. A bank (银行业金融机构) acquires under its banking licence and has no such number. Settlement must go straight to the merchant's own account.

step-application-title = Application
step-application-summary = Fill in and submit the application
step-application-explain = The form is filled from the case. Choose the merchant category (MCC) from the real main business, then submit online or by mail.
help-application = Submitting is final: the package is written to the case's outbox and the review time is estimated in working days.

step-review-title = Review
step-review-summary = Track the review outcome
step-review-explain = Enter the outcome: on approval the merchant number (MID), terminal number (TID) and activation data; on rejection the reason.
help-review = A rejected application goes back to the materials and is resubmitted as a new revision.

step-contract-title = Contract
step-contract-summary = Agree to the terms and every fee
step-contract-explain = The agreed terms are compared with the institution's offer. Every fee needs explicit consent; fees not in the offer are flagged.
help-contract = Read every fee. Deposits, data fees and "insurance" taken at the first swipe are common traps.

step-binding-title = Binding
step-binding-summary = Record the five binding elements
step-binding-explain = Each terminal's serial number is tied to the acquirer's institution code, the merchant number, the credit code and the settlement account, at its install address and location (银发〔2021〕259号).
help-binding = One terminal serves one merchant: a serial number bound to another case is refused. Moving a terminal (移机) needs an application to the acquirer and a new placement registration (address and coordinates) first; moving it to another province is not allowed. Enter the coordinates as latitude, longitude (e.g. 22.5431, 113.9360, from the phone's map).

step-activation-title = Activation
step-activation-summary = Connect and activate the terminal
step-activation-explain = Connect the terminal, confirm its serial number against the label, then run the activation sequence.
help-activation = Choose the serial port, or the simulator in demo mode. A serial number mismatch means the wrong device: stop.
    Chinese terminals are activated by downloading parameters and keys from the acquirer's TMS and then signing on (签到). Over ZVT these are: Set Terminal-ID → 写入终端号; Initialisation (the terminal fetches its parameters and keys from the host) → 参数及密钥下载（初始化）; Diagnosis (a round trip to the host) → 签到/联机检测（诊断）. A terminal driven through its acquirer's own cash-register interface does these steps itself.

step-test-title = Test
step-test-summary = Prove the terminal works
step-test-explain = A timed loop of test transactions measures success rate and latency. Each test payment is voided at once; one that cannot be is shown with its receipt and amount.
help-test = Connectivity tests need no card; payment tests need a test card and are voided automatically. Every test payment is written to the pending-payments file before it is sent. Committed means the terminal sent its payment data with result 00: that payment is booked, and nothing later makes it "not booked". One that could not be voided (or whose outcome is unknown) is shown in red with its receipt and amount, voided the next time posbind connects to this terminal, and listed by `posbind pending list`; while any is open the test does not pass and the case does not go live. One the terminal refuses to void, or whose receipt number could not be read, must be voided on the terminal's own menu (撤销, same day) or refunded, then taken over with `posbind pending ack ID`. The time the terminal waits for the card and PIN does not count against the p95 limit. x stops after the payment in flight is voided; Ctrl-C twice quits at once (the pending file keeps what may be left).
step-activation-device-summary = Activate on the device, confirmed by a person
step-activation-device-explain = No cash-register link: posbind connects to nothing. The installer activates the terminal on the device; confirm each step with Enter, and the case records who and when.
help-activation-device = Work down the rows: who confirms (a name or a role), then each step once it is done on the terminal (activation code, parameter and key download), then copy the MID, TID and serial number from the sign-on slip (签到单) and confirm the sign-on: it is recorded only when they match the approval and the label. Steps are confirmed in order. Everything here is recorded as confirmed by a person, never as verified by the terminal. A wireless terminal on a cable with a cash-register link: the last row switches to the link, and posbind drives the terminal.
step-activation-qr-summary = Bind the QR code, confirmed by a person
step-activation-qr-explain = A QR code has no cash-register link: posbind connects to no device. Bind the code to the MID in the acquirer's portal or app, type the MID it shows and confirm.
help-activation-qr = Type who confirms, then the MID the acquirer's merchant portal or app shows for the code, and confirm the binding with Enter: it is recorded only when the MID matches the approval, as confirmed by a person (who and when), never as verified by a terminal.
step-test-device-summary = One payment and its void, confirmed by a person
step-test-device-explain = Pay 0.01 yuan with a bank card on the terminal, then void it there; type the first receipt's MID, TID and reference number below and confirm.
help-test-device = No test loop runs: posbind is not connected to this terminal. Pay 0.01 yuan on the terminal and void it the same day on its own menu (撤销); copy the MID, TID and reference number (参考号) from the first receipt (签购单) and confirm with Enter. The MID and TID must match the approval. The test is recorded as confirmed by a person, with who and when, and the report says so.
step-test-qr-summary = A scan payment and its refund, confirmed by a person
step-test-qr-explain = Scan the code with a phone and pay 0.01 yuan, then refund it in the merchant portal; type the payment's MID and order number below and confirm.
help-test-qr = No test loop runs: a QR code has no terminal to drive. Scan the code with a phone, pay 0.01 yuan and refund it in the acquirer's merchant portal or app; copy the MID and the order number from the payment record and confirm with Enter. The MID must match the approval. The test is recorded as confirmed by a person, with who and when, and the report says so.

step-training-title = Training
step-training-summary = Learn the daily operations
step-training-explain = Sale, void, refund, end-of-day and reprint, plus what to do when something goes wrong.
help-training = Tick each topic once the merchant has understood it.

step-go-live-title = Go-live
step-go-live-summary = Summary, report and go-live
step-go-live-explain = Review the summary, print the activation report and note the maintenance reminders and security advice.
help-go-live = Never give SMS codes to callers and never mail a terminal in for a "free replacement": it is a known scam. The report is written only when no test payment of this terminal is still open (see `posbind pending list`).


## Case step
case-current = Current case: { $merchant } ({ $id })
case-none-open = No case open. Start a new one or pick one below.
case-list-heading = Cases
case-new = + New case
case-demo-tag = {" "}[demo]
case-name-label = Merchant name:{" "}
case-problems = { $count } case file(s) could not be read and were skipped; run "posbind cases list" to see which.

## POS type step
pos-scenario-heading = Business scenario
pos-types-heading = Recommended terminals (best first)
pos-pro = + { $text }
pos-con = - { $text }
pos-count-label = Number of terminals:{" "}
pos-count-value = {" "}< { $count } >{" "}

## Notices
notice-missing = Before you can continue: { $items }.
notice-step-locked = That step is not reached yet: complete the steps before it first.
missing-case = start or open a case
missing-merchant-name = the merchant name is empty
invalid-merchant-name-long = the merchant name is longer than 100 characters
invalid-merchant-name-control = the merchant name contains control or text-direction characters
missing-pos-type = choose a terminal type
missing-scenario = choose a business scenario
missing-device-count = the number of terminals must be 1 to 99

## Files
store-error-io = Cannot access { $path }: { $error }
store-error-missing = { $path } does not exist.
store-error-denied = posbind may not access { $path } (permission denied).
store-error-full = The disk holding { $path } is full (or your quota is used up); nothing more could be written there.
store-error-read-only = { $path } is on a read-only file system.
store-error-too-large = { $path } is larger than posbind reads for such a file.
store-error-not-text = { $path } is not UTF-8 text.
store-error-hard-link = { $path } has another name (a hard link); posbind does not write through links.
store-error-not-regular = { $path } is not a regular file (a FIFO, a device or a directory); posbind only reads and writes regular files.
store-error-not-directory = { $path } is not a directory.
store-error-not-owned = { $path } belongs to another user; posbind only writes into its own files and directories.
store-error-damaged = The case file { $path } is damaged and was skipped ({ $error }).
store-error-version = The case file { $path } was written by another version of posbind (file version { $version }) and was skipped.
store-error-not-found = There is no case "{ $id }".
error-no-data-dir = Cannot find a data directory for this user; pass --data-dir DIR.
error-not-a-terminal = The wizard needs an interactive terminal; for scripts use the subcommands (see posbind --help).

## cases command
cases-none = No cases yet.
cases-none-match = No case matches these filters.
cases-since-invalid = "{ $text }" is not a day: write it as YYYY-MM-DD, for example 2026-01-31.
cases-page = Page { $page } of { $pages } ({ $count } cases). Next: --page { $next }; everything: --all.
cases-export-format-all = jsonl and csv export every case: use them with --all.
cases-export-format-one = json and html export one case: give its id instead of --all.
cases-export-problems = { $count } case files could not be read (named above); every other case was exported.
cases-deleted = Deleted case { $id }.
cases-delete-confirm = Delete case { $id } and all its files? [y/N]
cases-delete-cancelled = Nothing deleted.
cases-delete-needs-yes = Not deleting without confirmation: add --yes.
field-case-id = Case
field-merchant = Merchant
field-step = Step
field-created = Created
field-updated = Updated
field-pos-type = POS type

## ZVT codes (zvt-rc: result codes, zvt-ts: terminal status, zvt-is: intermediate status, zvt-ds: device state)
zvt-rc-00 = success (code 00)
zvt-rc-05 = declined by the card issuer or host (code 05)
zvt-rc-6c = aborted: timeout or the abort key was pressed (code 6C)
zvt-rc-6f = wrong currency (code 6F)
zvt-rc-7d = communication error (code 7D)
zvt-rc-83 = function not possible (code 83)
zvt-rc-9a = ZVT protocol error (code 9A)
zvt-rc-a0 = receiver not ready (code A0)
zvt-rc-a1 = remote station does not respond (code A1)
zvt-rc-a3 = no connection (code A3)
zvt-rc-b4 = already voided (code B4)
zvt-rc-b5 = void not possible (code B5)
zvt-rc-c2 = diagnosis required (code C2)
zvt-rc-c8 = amount too small (code C8)
zvt-rc-e4 = activation required (code E4)
zvt-rc-f0 = open end-of-day batch (code F0)
zvt-rc-ff = system error (code FF)
zvt-rc-unknown = result code { $code } (not in posbind's table)
zvt-rc-05-remedy = Try another card, or ask the card holder to contact the issuing bank.
zvt-rc-6c-remedy = Run the transaction again and present the card in time.
zvt-rc-6f-remedy = Check the currency set for the terminal (CNY is 156).
zvt-rc-7d-remedy = Check the cable or network between the terminal and the host, then try again.
zvt-rc-83-remedy = The terminal cannot do this now; check its state (Status-Enquiry) or ask the institution.
zvt-rc-9a-remedy = Restart the terminal and try again; if it repeats, report the log to support.
zvt-rc-a0-remedy = Wait a moment and try again.
zvt-rc-a1-remedy = The host did not answer: check the terminal's network (SIM, Ethernet, Wi-Fi).
zvt-rc-a3-remedy = The terminal has no connection to the host: check its network settings.
zvt-rc-b4-remedy = Nothing to do: this payment was voided already.
zvt-rc-b5-remedy = Undo it by a refund, or ask the institution; write down the receipt number.
zvt-rc-c2-remedy = Run Diagnosis on the terminal.
zvt-rc-c8-remedy = Use a larger test amount.
zvt-rc-e4-remedy = Run the activation sequence (Set terminal ID, Initialisation, Diagnosis).
zvt-rc-f0-remedy = Run End-of-Day first, then try again.
zvt-rc-ff-remedy = Note the extended error text if shown, restart the terminal and contact the institution.
zvt-ts-00 = ready
zvt-ts-51 = initialisation required
zvt-ts-62 = date/time incorrect
zvt-ts-9c = please wait
zvt-ts-c2 = diagnosis required
zvt-ts-df = out of order
zvt-ts-e4 = activation required
zvt-ts-f0 = reconciliation (end-of-day) required
zvt-ts-unknown = terminal status { $code }
zvt-is-00 = waiting for amount confirmation
zvt-is-01 = please watch the PIN pad
zvt-is-02 = please watch the PIN pad
zvt-is-03 = not accepted
zvt-is-04 = waiting for the host's response
zvt-is-05 = sending an automatic reversal
zvt-is-06 = sending post-bookings
zvt-is-07 = card not admitted
zvt-is-08 = card unknown
zvt-is-09 = card expired
zvt-is-0a = insert card
zvt-is-0b = please remove card
zvt-is-0c = card not readable
zvt-is-0d = processing error
zvt-is-0e = please wait
zvt-is-0f = automatic end-of-day batch
zvt-is-10 = invalid card
zvt-is-11 = balance display
zvt-is-12 = system malfunction
zvt-is-13 = payment not possible
zvt-is-14 = credit not sufficient
zvt-is-15 = incorrect PIN
zvt-is-16 = limit not sufficient
zvt-is-17 = please wait
zvt-is-18 = PIN try limit exceeded
zvt-is-19 = card data incorrect
zvt-is-1a = service mode
zvt-is-1b = approved, please fill up
zvt-is-1c = approved, please take goods
zvt-is-1d = declined
zvt-is-unknown = terminal status message { $code }
zvt-ds-00 = ready
zvt-ds-01 = initialisation needed
zvt-ds-02 = no keys loaded
zvt-ds-03 = fraud suspected (locked)
zvt-ds-unknown = device state { $code }

## Talking to the terminal
client-error-t3 = The terminal did not acknowledge the command in time (T3). Check the cable, the port and the baud rate.
client-error-t4 = The terminal did not finish the command in time (T4).
client-error-nak = The terminal refused every transmission ({ $attempts } attempts, NAK). Check the cable and the baud rate.
client-error-no-ack = No acknowledgement from the terminal after { $attempts } attempts. Is it switched on and connected?
client-error-rejected = The terminal refused the command.
client-error-aborted = The terminal aborted the command.{ $text }
client-error-disconnected = The connection to the terminal was lost.
client-error-io = Communication error: { $error }
client-error-protocol = The terminal's answer could not be understood: { $what }
client-error-unreadable = The terminal sent a message posbind could not read ({ $what }). posbind had to refuse it (84 9A), so the terminal ended the command. The card and the cardholder are not the cause: check the terminal's ZVT settings and software version, and send the log (logs/posbind.log in the data directory) to support.
driver-error-start = Driver "{ $driver }" could not be started: { $error }
driver-error-exited = Driver "{ $driver }" ended (exit code { $status }){ $stderr }
driver-error-silent = Driver "{ $driver }" did not answer "{ $op }" within { $seconds } s; it was stopped.
driver-error-garbage = Driver "{ $driver }" printed something that is not a protocol message ({ $why ->
        [not-json] not a JSON object
        [no-id] no numeric "id"
        [unknown-event] an event this version does not have: { $detail }
        [no-error-code] an error without "code"
        [neither] neither "event" nor "ok"
        [missing] no "{ $field }"
        [unreadable] "{ $field }" cannot be read: { $detail }
        [too-long] a line longer than { $detail } bytes
       *[other] { $why }
    }): { $line }
driver-error-version = Driver "{ $driver }" speaks driver protocol version { $theirs }; this posbind speaks version { $ours }.
driver-error-broke = Driver "{ $driver }" broke the driver protocol: { $breach ->
        [refused-hello] it refused the hello
        [lacks] it does not offer "{ $op }", which every driver must
        [unknown-code] it answered "{ $op }" with an error code the protocol does not have: "{ $code }"
        [answer] its answer to "{ $op }" is wrong: { $why ->
            [not-json] not a JSON object
            [no-id] no numeric "id"
            [unknown-event] an event this version does not have: { $detail }
            [no-error-code] an error without "code"
            [neither] neither "event" nor "ok"
            [missing] no "{ $field }"
            [unreadable] "{ $field }" cannot be read: { $detail }
            [too-long] a line longer than { $detail } bytes
           *[other] { $why }
        }
        [no-payment] it answered "{ $op }" without the payment
       *[other] { $breach }
    }
driver-error-unsupported = Driver "{ $driver }" does not offer "{ $op }", which this step needs.
client-error-stopped = Stopped: posbind asked the terminal to abort and it did; nothing was booked.
client-error-stopped-unconfirmed = Stopped: posbind asked the terminal to abort, but the terminal did not confirm in time, so whether the payment was booked is not known yet.
open-error-not-found = There is no device at { $port }. Check the cable and the port name ("posbind ports" lists the ports).
open-error-permission = No permission to open { $port }. On Linux, add your user to the dialout group (sudo usermod -aG dialout $USER) and log in again.
open-error-busy = { $port } is in use by another program. Close it and try again.
open-error-connect = Cannot connect to { $port }: { $error }
open-error-other = Cannot open { $port }: { $error }
error-bad-port = "{ $port }" is not a port: use a device path (/dev/ttyUSB0, COM3), tcp://HOST:PORT, sim, or driver:COMMAND [ARGS].
error-bad-password = The terminal password must be 6 digits.
error-sim-config = Simulator settings: { $error }
error-sim-start = Cannot start the simulated terminal: { $error }
error-sim-without-sim = --sim settings apply only with --port sim.
ports-none = No serial ports found. Is the USB-serial cable plugged in?
ports-error = Cannot list serial ports: { $error }
simulate-running = Simulated terminal running; press Ctrl-C to stop.
simulate-ended = Simulated terminal stopped ({ $why }).
field-port = Port
field-serial-number = Serial number
field-device-name = Device name
field-software-version = Software version
field-tid = Terminal ID
field-status = Status
field-device-state = Device state

## Validators (posbind check and the wizard's fields)
check-verdict-valid = valid: { $value }
check-verdict-warning = valid, but please confirm: { $value }
check-verdict-invalid = invalid: { $value }
check-credit-code-old-registration = This is an old 15-digit registration number: accepted for a 个体工商户 only (enterprise numbers stopped being valid on 2018-01-01) — confirm it against the licence.
check-credit-code-length = A credit code has 18 characters; this has { $count }.
check-credit-code-char = "{ $char }" cannot appear in a credit code (the letters I, O, S, V and Z are never used).
check-credit-code-pilot = The check character does not match, but this looks like an early pilot code (Fujian, issued before the standard): confirm it against the business licence.
check-credit-code-checksum = The check character does not match: a character is probably mistyped.
check-credit-code-prefix = The code starts with { $prefix }, not 91 (company), 92 (sole proprietor) or 93 (cooperative): is this really the merchant's code?
check-id-old-15 = This is an old 15-digit ID number: please enter the 18-digit number from the current card.
check-id-format = An ID number has 17 digits and a last digit or X.
check-id-region = The ID number starts with { $code }, which is no province code.
check-id-birth-date = The birth date in the ID number is not a real date (or lies in the future).
check-id-birth-old = The birth year in the ID number is before 1900: check it against the card.
check-id-checksum = The last character does not match: a digit is probably mistyped.
check-id-validity-format = Enter the validity end date as YYYY-MM-DD, or 长期 (long-term).
check-id-expired = The ID card has expired: a valid ID card is required.
check-id-doc-expired = The { $kind ->
        [passport] passport
        [hk_macao_permit] Hong Kong/Macao permit
        [taiwan_permit] Taiwan permit
        [foreign_permanent] foreign permanent resident ID
       *[other] identity document
    } has expired: a valid document is required.
check-id-doc-no-long-term = A { $kind ->
        [passport] passport
        [hk_macao_permit] Hong Kong/Macao permit
        [taiwan_permit] Taiwan permit
        [foreign_permanent] foreign permanent resident ID
       *[other] document of this kind
    } is never valid for life (长期 is only on a resident ID card): enter the end date printed on it.
check-mobile = Not a valid mainland mobile number (11 digits, starting with 13 to 19).
check-card-format = A bank card number has 16 to 19 digits.
check-card-unionpay-luhn = The card's check digit does not match; some genuine UnionPay cards are like this: confirm the number against the card.
check-card-luhn = The card's check digit does not match: a digit is probably mistyped.
check-account-format = A company account number has 8 to 32 digits.
check-branch-format = A bank branch code (联行号) has 12 digits.
check-licence-format = Not the shape of a payment business licence number (Z2 + 4 digits + province + 0000 + 2 digits).
check-licence-confirm-list = The shape is right; confirm the number on the central bank's public list of licensed institutions.
check-mid-format = A merchant number (MID) has 15 digits.
check-mid-mcc = Digits 8–11 of the MID are { $found }, but the chosen MCC is { $mcc }: this may be 跳码 (wrong merchant category). Ask the institution.
check-tid-format = A terminal ID has 8 digits.

## Shared words and keys of the data-entry steps
yes = yes
no = no
optional = optional
yuan = yuan
key-c = c
key-delete = Del
key-s = s
act-confirm-warning = Confirm the warning
act-remove = Remove the file
act-remove-fee = Remove the added fee
act-sort = Change the sort order
error-bad-catalog = The catalog { $path } cannot be used: { $error }
error-bad-calendar = The holiday calendar { $path } cannot be used: { $error }

## Materials
merchant-type-company = Company (企业)
merchant-type-sole = Sole proprietor (个体工商户)
merchant-type-micro = Micro merchant (小微)
account-type-company = Company account (对公)
account-type-personal = Own personal card
field-m-merchant-type = Merchant type
field-m-credit-code = Credit code
field-m-legal-rep-name = Legal rep / operator
field-m-id-number = ID number
field-m-id-valid-until = ID valid until
field-m-mobile = Mobile
field-m-address = Business address
field-m-account-type = Settlement account
field-m-bank-name = Bank
field-m-branch-code = Branch code (联行号)
field-m-account-number = Account / card number
field-m-holder-name = Account holder
field-m-agent = An agent applies
hint-m-merchant-type = Enter switches between company, sole proprietor and micro merchant: it decides the checklist.
hint-m-credit-code = The 18-character 统一社会信用代码 on the business licence.
hint-m-legal-rep-name = As printed on the identity document.
hint-m-id-number = The document's number (a resident ID card: 18 characters); it is shown masked.
hint-m-id-valid-until = The end of the document's validity (YYYY-MM-DD); a resident ID card may say 长期 (long-term).
hint-m-mobile = The legal representative's or operator's mobile number.
hint-m-address = Where the business is (also the default install address).
hint-m-account-type = Company → company account; sole proprietor → company account or own card; micro → own card.
hint-m-bank-name = The bank that keeps the settlement account.
hint-m-branch-code = The 12-digit code of the opening branch (on the account information).
hint-m-account-number = The settlement account or card number; it is shown masked.
hint-m-holder-name = The name on the account. Any other holder than the merchant (or the operator, for a card) needs an authorisation letter and the holder's ID.
hint-m-agent = If an agent (经办人) applies, their ID and an authorisation letter are needed.
materials-complete = All materials are complete.
materials-missing = { $count } item(s) still missing; PgDn lists them.
materials-confirm-hint = Press c to confirm after checking the document.
materials-doc-hint = Enter: type the path of the scan or photo (PNG, JPEG, WebP or PDF); Del removes it. The file's size and SHA-256 are recorded.
missing-confirm = confirm: { $field }
text-too-long = Too long: at most { $max } characters.
text-unsafe-character = Contains a control or text-direction character (such as ESC, BEL or U+202E); type the text again.
rule-company-needs-company-account = A company must settle to a company account in its own name.
rule-micro-needs-personal-card = A micro merchant settles to the operator's own personal card.
file-missing = There is no file at { $path }.
file-not-a-file = { $path } is not a file.
file-unreadable = { $path } cannot be read.
file-too-large = { $path } is larger than 20 MB; scan it at a lower resolution.
file-wrong-kind = { $path } is not an image (PNG, JPEG, WebP) or a PDF.
file-empty = { $path } is empty.
file-reading = Reading { $path }…

## Institution
institution-sample-data = SAMPLE DATA, not real offers.
institution-sorted-by = Sorted by { $order } (s changes it). Enter chooses.
sort-catalog = catalog order
sort-debit = debit rate
sort-credit = credit rate
sort-upfront = deposit and fees
sort-review = review time
col-name = Institution
col-debit = Debit
col-credit = Credit
col-deposit = Deposit
col-data-fee = Data/yr
col-settlement = Settle
col-review = Days
institution-no-licence = none given
institution-detail = Licence: { $licence } | { $cap } | settlement { $settlement } | support: { $support } | terminals: { $devices }
institution-fee = Fee: { $fee }, { $yuan } yuan
offer-refused-no-licence = No payment business licence (支付业务许可证) number: a non-bank payment institution may only acquire with one, so posbind does not submit to it. Choose another institution (a bank needs no such licence)
offer-refused-bad-licence = The payment business licence number does not have the shape of a real one (Z2 and 12 digits): a non-bank payment institution may only acquire with a valid licence, so posbind does not submit to it. Check the number on the central bank's list, or choose another institution
offer-refused-pos-type = This institution does not offer the chosen terminal type: choose one of its terminal types at step 2 (POS type), or another institution
offer-warn-deposit = A deposit of { $yuan } yuan is charged: ask when and how it is refunded.
offer-warn-data-fee = A data fee of { $yuan } yuan a year is charged.
missing-institution = choose an acquirer (收单机构)

## Application
app-row-mcc = Merchant category
app-row-address = Install address
app-row-channel = Channel
app-row-devices = Terminals
app-row-submit = Submit
app-not-submitted = not submitted (Enter twice submits; this cannot be undone)
app-submitted-at = submitted { $at } (revision { $revision })
app-outbox = Package written to { $path }
app-hint-address = Where the terminal will stand, as on the placement registration (the business address when it is the same); Enter keeps it, Esc leaves it as it was.
app-hint = Enter on Merchant category opens the search: type a code or a word, Up/Down, Enter. Choose the MCC of the real main business.
mcc-no-match = No category matches.
channel-online = online (electronic package)
channel-mail = by mail (printed form and cover checklist)
application-confirm-submit = Press Enter again to submit. The package goes to the outbox and cannot be withdrawn.
application-submitted = Application submitted.
application-already-submitted = This revision is submitted already; it can change only after a rejection.
application-write-failed = The package could not be written: { $error }
eta-range = Review expected { $from } – { $to }
eta-range-estimated = Review expected { $from } – { $to } (estimated: the holiday schedule is not published yet)
missing-mcc = choose the merchant category (MCC)
missing-channel = choose online or mail
missing-submission = submit the application
missing-materials = complete the materials
missing-install-address = enter the install address
invalid-install-address = the install address is longer than 200 characters or contains control or text-direction characters
pkg-title = POS merchant application
pkg-case = Case
pkg-revision = revision
pkg-merchant = Merchant
pkg-legal-rep = Legal representative / operator
pkg-settlement = Settlement account
pkg-devices = Terminals
pkg-mcc = Merchant category (MCC)
pkg-count = Number of terminals
pkg-install-address = Install address
pkg-install-same-as-business = { $address } (same as the business address)
pkg-institution = Acquirer (收单机构)
pkg-licence = Licence number
pkg-attachments = Attachments
pkg-signature = Signature of the legal representative / operator, date, stamp:
pkg-cover-title = Cover checklist for the mailed application
pkg-cover-form = The signed application form
pkg-optional = optional

## Review
review-not-submitted = Submit the application first.
review-last-rejected = The last revision was rejected: { $reason }. Update the materials and submit again.
review-row-simulated = Simulated institution
review-simulated-hint = Enter: get the demo approval
review-row-outcome = Outcome
review-approved-choice = approved
review-rejected = rejected
review-row-mid = Merchant number (MID)
review-row-tid = Terminal ID (TID)
review-row-password = Terminal password (activation code of an 电签 terminal)
review-row-reason = Reason given
review-row-record = Record the outcome
review-invalid = Some approval data is invalid; see below.
review-confirm-warning = Check the warning below; press c on "Record the outcome" to record anyway.
review-approved = Approval recorded.
review-rejected-back = Rejection recorded: update the materials, then submit the new revision.
review-approved-summary = Approved: MID { $mid }, TID { $tid }.
review-simulated-tag = (simulated institution)
missing-review = record the institution's answer
missing-review-rejected = the application was rejected: resubmit
missing-reject-reason = enter the reason the institution gave
check-password-format = The terminal password has 6 digits.

## Contract
contract-no-offer = Choose an institution first.
contract-row-debit = Debit rate
contract-row-credit = Credit rate
contract-rate-vs-offer = { $contract } (offer { $offer })
contract-undisclosed-tag = NOT IN THE OFFER
contract-row-add-fee = Add a fee from the contract
contract-add-fee-hint = Enter, then "name amount", e.g. insurance 99
contract-row-agree = I agree to these terms
contract-hint = Enter on a fee gives (or withdraws) consent to it. Every fee needs consent.
contract-diff-debit = The contract's debit rate { $contract } differs from the offer's { $offer }.
contract-diff-credit = The contract's credit rate { $contract } differs from the offer's { $offer }.
contract-diff-undisclosed = "{ $fee }" ({ $yuan } yuan) is not in the institution's offer: ask what it is for before agreeing.
contract-bad-rate = Enter the rate as a percentage, e.g. 0.38.
contract-bad-fee = Enter the fee as "name amount", e.g. insurance 99.
contract-agreed = Contract terms agreed.
contract-fee-removed = Removed "{ $fee }" ({ $yuan } yuan) from the contract.
contract-remove-none = Only a fee added here can be removed: the offer's own fees are part of it (refuse the offer instead).
missing-contract = consent to every fee and agree to the terms
missing-fee-consent = consent to every fee first
pos-devices-count = { $name } x { $count }
materials-doc-value = { $path } ({ $kind }, { $size } bytes)

## Test loop
error-bad-amount = "{ $amount }" is not a test amount in { $currency }: give 0.01 to 100.00.
error-bad-loop-settings = Count must be 1 to 100000, the interval 0 to 3600 s, the timeout 1 to 255 s.
loop-ok = ok
loop-failed = failed
loop-no-receipt = the payment was booked but its receipt number could not be read
loop-reversal-failed = the test payment could not be voided
loop-progress = round { $index }/{ $count }: { $status } ({ $ms } ms)
loop-unreversed = NOT VOIDED: test payment receipt { $receipt }, { $amount } yuan ({ $time }). posbind tries again when it next talks to this terminal; `posbind pending list` shows it (id { $id }).
loop-summary-latency-us = Latency (µs): min { $min }, p50 { $p50 }, p95 { $p95 }, max { $max }.
loop-summary-latency = Latency (ms): min { $min }, p50 { $p50 }, p95 { $p95 }, max { $max }.

## Device half: binding, activation, test, training, go-live
key-p = p
key-x = x
act-pause = Pause or resume the test
act-abort = Stop the test (a payment is still voided)
device-busy = The terminal is busy; wait until it finishes (x stops a test).
device-quit-while-busy = posbind quit while the terminal was still working: a test payment may be left on it. `posbind pending list` shows what may be open; posbind settles it the next time it talks to this terminal (or refund it and `posbind pending ack ID`).
device-worker-failed = The wizard could not start its device thread ({ $error }); nothing was changed.
device-busy-quit = Stopping after the current transaction (a test payment is voided first); posbind quits then. Press Ctrl-C again to quit at once.
device-busy-quit-work = posbind quits when the terminal work in progress ends. Press Ctrl-C again to quit at once.
device-step-failed = The terminal step failed; see the explanation below.
binding-acquirer = Acquirer (institution code)
binding-mid = Merchant number (MID)
binding-identity = Credit code / ID
binding-account = Settlement account
binding-address = Install address
binding-serial = Serial number (label)
binding-confirm = Confirm the binding
binding-hint = Enter the serial number exactly as on the terminal's label or the paperwork (letters, digits; separators do not matter). One terminal serves one merchant: a serial number bound to another case is refused.
binding-confirmed = Binding confirmed.
binding-serial-taken = Serial number { $serial } is already bound to case { $case } ({ $merchant }). One terminal serves one merchant. Check the label and correct the serial number; if this really is that terminal, continue case { $case } instead (posbind demo: d on the case list starts a new sample case with a simulated terminal of its own).
missing-serial = enter the terminal's serial number from its label
invalid-serial-label = the serial number is longer than 40 characters or contains control or text-direction characters
missing-binding-confirm = confirm the binding
act-step-identify = Identify
act-step-end-of-day = End-of-Day
act-step-set-tid = Set Terminal-ID (写入终端号)
act-step-initialise = Initialisation: parameters and keys (参数及密钥下载)
act-step-diagnose = Diagnosis: sign-on / host check (签到/联机检测)
act-step-ready = Ready
activation-port = Port
activation-label-serial = Serial number (label)
activation-connect = Connect and read the identity
activation-run = Run the activation
activation-terminal-serial = terminal reports { $serial }
activation-identity = Terminal: { $name }, software { $version }, TID { $tid }, status { $status }.
activation-identity-ok = The terminal's serial number matches the label.
activation-serial-at-binding = The serial number on the label is entered on step 8 (Binding); here it is compared with the one the terminal reports.
activation-wrong-device = WRONG DEVICE: the terminal reports serial number { $terminal }, the label says { $label }. Stop and check which terminal is connected: connect the terminal on the label, or correct the serial number on Binding if it was typed wrong.
activation-done = The terminal is activated and ready.
activation-connect-first = Connect to the terminal first (and check its serial number).
activation-not-connected = Not connected to a terminal.
activation-terminal-says = Terminal: { $text }
activation-retry-hint = Fix the cause and choose the action again: finished sub-steps are not repeated.
activation-port-hint = Type a serial device (/dev/ttyUSB0, COM3), tcp://HOST:PORT, sim or driver:COMMAND [ARGS]. Found: { $ports }
activation-ports-scanning = Looking for serial ports… (or type one: /dev/ttyUSB0, COM3, tcp://HOST:PORT or sim)
activation-port-empty = No port yet: choose the port row and type the terminal's port (/dev/ttyUSB0, COM3, tcp://HOST:PORT or sim).
missing-activation = activate the terminal
test-row-mode = Mode
test-row-count = Transactions
test-row-start = Start
test-mode-payment = payment (0.01 yuan, then void; needs a test card)
test-mode-connectivity = connectivity (Diagnosis; no card)
test-start-hint = Enter starts
test-running-hint = running: p pauses, x stops
test-stats = { $ok }/{ $done } ok | ms min { $min } | p50 { $p50 } | p95 { $p95 } | max { $max }
test-round-failed = Round { $index }: { $why }
test-result-pass = PASSED: { $ok }/{ $count } succeeded ({ $mode }).
test-result-fail = FAILED: { $ok }/{ $count } succeeded ({ $mode }).
test-hint = Every successful test payment is voided at once, also when you stop the test; one that cannot be voided is shown in red.
test-passed = The test passed.
test-failed = The test did not pass; see the errors.
test-paused = Test paused.
test-resumed = Test resumed.
test-aborting = Stopping after the current transaction.
test-activate-first = Activate the terminal first.
missing-test = run the test
missing-test-pass = the test must pass
training-practice = Practice End-of-Day on the terminal
training-practice-hint = Runs a real End-of-Day on the connected terminal (optional).
training-practised = End-of-Day practised on the terminal.
golive-summary = Terminal { $serial } | MID { $mid } | TID { $tid } | test { $test }
golive-write-hint = Enter writes the activation report (HTML for printing and JSON).
golive-written = Activation report written.
golive-report-at = Report: { $html } and { $json }
missing-report = write the activation report
report-title = POS terminal activation report
report-five-elements = The five binding elements
report-device = Terminal
report-activated-at = Activated at
report-bound-at = Bound at
report-test = Test transactions
report-pass = PASSED
report-fail = FAILED
report-unreversed = NOT VOIDED, receipt
report-maintenance = Maintenance
report-maintenance-text-qr = Keep the code clean and in view at the till and check that each payment shows your merchant name; a code pasted over yours sends payments elsewhere, so look at it every day. Moving it to another shop needs the acquirer's approval.
report-maintenance-text = Settle (End-of-Day) every day. Keep the terminal's software updated when the institution asks. Moving the terminal (移机) needs the acquirer's approval and a new placement registration first, and is not allowed across provinces: the terminal reports its location. Keep paper rolls and the charger at hand.
report-security = Security
report-security-text = Never give SMS codes to callers. "Your POS is being retired, free replacement" calls and messages are a known scam: institutions do not start swaps that way, never mail a terminal. Settlement goes only to your own account. Check each receipt's merchant name and category.
client-error-not-ready = The terminal did not become ready (status { $code }).

## Answers files and unattended runs
answers-invalid = The answers file { $path } cannot be read: { $error }
answers-error = { $key } (line { $line }): { $what }
answers-warning = { $key } (line { $line }), needs confirmation: { $what }
answers-accept-hint = Check the warnings above against the documents; --accept-warnings accepts them.
answers-missing-value = a value is required
answers-unknown-mcc = { $mcc } is not in the MCC table
answers-mid-mcc = digits 8–11 of the MID differ from the MCC (跳码?)
answers-bad-approval = not a valid MID (15 digits) / TID (8 digits)
answers-unknown-topic = { $topic } is not a training topic
answers-unknown-pos-type = { $value } is not a POS type (countertop, wireless, smart, esign, mpos, qr)
answers-unknown-institution = { $value } is not in the catalog
answers-contract-agree = set agree = true once the merchant has agreed to the offer and every fee in it
answers-missing-material = missing: { $what }
run-valid = The answers are valid.
run-needs-port = Name the terminal with --port (a device path, tcp://HOST:PORT, or sim).
run-submitted = Application package written to { $path }.
run-awaiting-review = The application is submitted; add [approval] to the answers when the institution approves (case { $case }).
run-step-done = { $step }: done
run-pass = PASS: case { $case } is activated and tested; report { $html }
run-fail = FAIL: the test did not pass (case { $case }); report { $html }
key-b = b
key-shift-b = B
act-rebind-account = Rebind: new settlement account
act-rebind-institution = New terminal from a new institution
case-rebind-hint = Enter opens a case. b: rebind its terminal to a new settlement account; B: a new terminal from a new institution (a terminal stays keyed to its acquirer).
case-rebound = New case for rebinding created; the terminal is kept and the earlier case is linked. If the terminal also moves (移机), apply to the acquirer and register the new placement first; moving it to another province is not allowed.
institution-refused-after-approval = Not chosen, the work done stays: { $why }.
institution-change-confirm = Choosing { $name } resets what is done: { $steps }. Enter again chooses it; any other key keeps the current institution.
case-rebind-refused-unbound = { $name } has no bound terminal yet: there is nothing to rebind. Open the case (Enter) and change its account or institution there.
case-rebind-refused-superseded = { $name } was rebound already: its terminal belongs to the newer case. Rebind that one instead.
debug-panic = Deliberate panic (POSBIND_TEST_PANIC test switch).
test-result-stopped = STOPPED after { $count } of { $planned } rounds, by the user: { $ok }/{ $count } succeeded ({ $mode }). Start again for a full run.
test-result-mode-payment = payment test
test-result-mode-connectivity = connectivity test
test-stopped = The test was stopped; successful test payments were voided.
test-retest-confirm = Enter again starts a re-test. This result stays until the re-test ends, also if you stop it; one that ends replaces it (write the report again; if it fails, the case is not live).
test-retest-stopped = A re-test was stopped after { $count } of { $planned } rounds: it is not the result; the result above stays current.

## ZVT conformance (issue 12)
client-error-limit = The terminal did not finish the command within the time allowed for it (--timeout, or 60 s while activating), although it kept the line busy.
client-error-aborted-no-code = The terminal aborted the command without a result code.{ $text }
progress-registering = Registering with the terminal on { $port }…
progress-terminal = Terminal: { $text }
run-step-started = { $step }…
run-failed-validation = Problems in the answers file: { $count } (listed above); nothing was written.
run-resumed = Continuing case { $case } (it was at: { $step }).
run-resubmitting = The answers change the application submitted as revision { $old }: it is submitted again as revision { $new }, and the old approval no longer counts.
run-case-finished = Case { $case } ({ $merchant }, terminal { $serial }) is finished: the terminal is activated and tested, report { $report }. Nothing was written. To move the terminal to a new account or institution: posbind cases rebind { $case }.
run-case-superseded = Case { $case } was replaced by case { $by } (rebinding); nothing was written.
run-case-other = Case { $case } belongs to { $merchant } (terminal { $serial }), not to the merchant and terminal in the answers file; nothing was written.
lock-case-held = Case { $case } is open in another posbind process (pid { $pid }). Close it there, or wait until that run ends; nothing was written here.
lock-terminal-held = Terminal { $serial } is being bound by another posbind process (pid { $pid }). Wait until that run ends; nothing was written here.
error-bad-currency = Unknown currency { $currency }: give the ISO 4217 number (156) or code (CNY, EUR).
serial-not-reported = This terminal does not report its serial number to posbind: confirm it from the terminal's own screen or label.
serial-not-reported-run = This terminal does not report its serial number to posbind. Check it on the terminal's own screen or label, then set device.serial_confirmed_by to who checked it (e.g. "installer").
serial-not-reported-confirmed = The terminal does not report its serial number; confirmed from its screen or label by { $who }.
serial-not-reported-wizard = This terminal does not report its serial number to posbind. Check the serial number on the terminal's own screen (or its label) against { $label }, then press c to confirm.
serial-confirmed-by-terminal = reported by the terminal itself
serial-confirmed-by-person = read from the terminal's screen or label by { $who } (the terminal does not report it)
report-serial-confirmed = Serial number confirmed
activation-serial-confirm-first = Confirm the serial number first (c), after checking it on the terminal's screen or label.
activation-serial-confirmed = Serial number confirmed by you from the terminal's screen or label; the case records that it was not reported by the terminal.

## Files a user is handed (issue 14)
store-error-link = { $path } is a symbolic link; posbind does not follow links in its data directory.
error-file-too-large = { $path } is larger than { $max } bytes; posbind does not read it.
sim-state-not-ours = { $path } is not a simulator state file; it was left as it is. Name a new file or an earlier simulator state file.
sim-state-not-saved = The simulator's state was not saved, so its next run starts from an older state: { $why }
secrets-syntax = The secrets file { $path } is not valid TOML (line { $line }).
secrets-unknown-key = The secrets file { $path }: unknown key { $key } (line { $line }); the only key is password.
secrets-not-a-string = The secrets file { $path }: { $key } (line { $line }) must be text in quotes, e.g. password = "000000".
secrets-too-large = The secrets file { $path } is larger than { $max } bytes.
answers-too-many = more than { $max } entries
answers-test-count = between 1 and { $max } rounds
answers-unknown-document = not an item of any material checklist
answers-unknown-key = not a key of the answers file (`posbind answers template` lists them)
answers-bad-value = not a value this key takes ({ $detail })
answers-extra-fee = every extra fee needs a name and an amount from 0 to { $max } yuan
answers-document-twice = the same file as { $other }: one scan cannot be two documents (only the 基本存款账户信息 may also prove a settlement account that is the basic account)
store-error-shared-dir = { $path } is writable by every user, so it cannot be a data directory (others could plant files in it). Name a private directory with --data-dir.

## money safety (issue 11)
loop-outcome-unknown = OUTCOME UNKNOWN: a test payment of { $amount } yuan ({ $time }) was accepted by the terminal, but whether it was booked could not be found out. posbind asks the terminal again when it next talks to it; check the terminal's journal, and `posbind pending list` (id { $id }).
loop-reversal-refused = VOID REFUSED: test payment receipt { $receipt }, { $amount } yuan ({ $time }) is booked and the terminal refuses to void it (e.g. after End-of-Day). Refund it to the card, then `posbind pending ack { $id }`.
loop-outcome-unknown-short = the payment's outcome is unknown
loop-journal-failed = the payment was not sent: it could not be recorded first ({ $error })
loop-status-unreadable = the terminal's status information could not be read
loop-no-status = the terminal completed without status information
loop-not-booked = the payment was not booked after all (the terminal does not know its receipt)
pending-reversed = Voided a test payment an earlier session left open: receipt { $receipt }, { $amount } yuan ({ $time }).
pending-not-booked = A test payment an earlier session left open was never booked: { $amount } yuan ({ $time }); removed from the list.
pending-undone = A test payment an earlier session left open was booked and then cancelled by the terminal itself (it no longer knows receipt { $receipt }; { $amount } yuan, { $time }); removed from the list.
pending-blocks-payments = No new test payment: { $count } test payment(s) of this terminal are still open (see above and `posbind pending list`). Settle them first; each new one would be more money on the card.
pending-refused = VOID REFUSED: test payment receipt { $receipt }, { $amount } yuan ({ $time }) on terminal { $terminal } cannot be voided. Refund it, then `posbind pending ack { $id }`.
pending-still-unknown = OUTCOME STILL UNKNOWN: test payment of { $amount } yuan ({ $time }) on terminal { $terminal }. Check the terminal's journal; `posbind pending ack { $id }` once settled.
pending-still-unreversed = STILL NOT VOIDED: test payment receipt { $receipt }, { $amount } yuan ({ $time }) on terminal { $terminal }; posbind tries again next time (id { $id }).
pending-store-error = The pending-payments file could not be written ({ $error }): a crash now could lose track of a test payment.
pending-none = No test payments are waiting for a void.
pending-line = { $id }  terminal { $terminal }  receipt { $receipt }  { $amount } yuan  { $time }  { $state }
pending-state-sent = sent, outcome not recorded
pending-state-committed = booked, not yet voided
pending-state-unreversed = booked, void failed (tried again next session)
pending-state-unknown = outcome unknown
pending-state-refused = void refused: refund it, then ack
pending-acknowledged = Payment { $id } taken over; it is no longer listed.
pending-no-such = No open payment { $id } (see `posbind pending list`).
golive-pending = This terminal still has test payments that are not voided ({ $count }). Go to Test (posbind voids them when it connects), or refund and acknowledge them with `posbind pending ack`, before going live.

## domain truth (issue 18)
check-credit-code-old-registration-company = An enterprise's 15-digit registration number is no longer valid since 2018-01-01 (国办发〔2016〕53号): enter the 18-character unified social credit code from the current licence.
mcc-category-standard = standard (一般类)
mcc-category-discount = discounted (优惠类)
mcc-category-charity = non-profit (公益类)
offer-warn-below-cost = { $low ->
        [cap] Debit cap { $cap } yuan (rate { $rate })
       *[rate] { $card ->
            [debit] Debit
           *[credit] Credit
        } rate { $rate }{ $cap ->
            [none] {""}
           *[other] {" "}(cap { $cap } yuan)
        }
    } is below the acquirer's own cost for a standard (一般类) MCC ({ $floor }{ $floor_cap ->
        [none] {""}
       *[other] , cap { $floor_cap } yuan
    }: the issuer fee plus the acquirer's half of the network fee, 发改价格〔2016〕557号): the offer only adds up for a discounted (优惠类) or non-profit (公益类) MCC — or by 跳码 (a wrong MCC). Ask which MCC it assumes.
offer-warn-below-cost-mcc = { $low ->
        [cap] Debit cap { $cap } yuan (rate { $rate })
       *[rate] { $card ->
            [debit] Debit
           *[credit] Credit
        } rate { $rate }{ $cap ->
            [none] {""}
           *[other] {" "}(cap { $cap } yuan)
        }
    } is below the acquirer's own cost for MCC { $mcc }, a { $category ->
        [discount] discounted (优惠类, { $discount } % of the standard fees)
       *[standard] standard (一般类)
    } category ({ $floor }{ $floor_cap ->
        [none] {""}
       *[other] , cap { $floor_cap } yuan
    }: the issuer fee plus the acquirer's half of the network fee, 发改价格〔2016〕557号): this usually means the terminal will be entered under a cheaper MCC — 跳码. Ask which MCC it assumes.
institution-kind-bank = bank (银行业金融机构, banking licence)
institution-kind-non-bank = non-bank payment institution (非银行支付机构)
institution-kind-line = Kind: { $kind }
institution-bank-licence = not needed (bank)
field-m-related-unit = Account of a related unit
hint-m-related-unit = Only if the settlement account belongs to another unit with a lawful fund-management relationship with the company (e.g. its parent): proof of that relationship is needed.
rule-related-unit-proof = The account belongs to a related unit: proof of the fund-management relationship was added to the checklist.
rule-unit-other-name = A company settles to a unit account in its own name (商户同名账户), or to a related unit's account with proof of a lawful fund-management relationship (《银行卡收单业务管理办法》): not to another person's account.
rule-sole-other-name = Settlement to another person's account: only acquirers that accept a 非法人结算授权书 allow it; the authorisation and the holder's ID were added to the checklist, and the Institution step checks the acquirer.
rule-sole-unit-other-name = A 个体工商户's unit account must be in the licence name (商户同名账户).
rule-micro-other-name = A micro merchant settles to a personal account in the operator's own name (商户同名账户).
offer-warn-no-other-name-settlement = This acquirer does not accept a 非法人结算授权书: the settlement account must be in the operator's own name. Choose another acquirer or change the account.
missing-institution-other-name = an acquirer that accepts a 非法人结算授权书 (or an account in the operator's own name)
app-fees-to-acknowledge = Fees the merchant acknowledges by submitting (many institutions also have the 受理协议 e-signed now, often with a face check): debit { $debit } ({ $cap }) · credit { $credit } · { $fees }.
app-fees-acknowledged = Fees acknowledged with this application: debit { $debit } ({ $cap }) · credit { $credit } · { $fees }. The contract step compares the signed agreement with them.
app-fees-none = no other fees
app-fee-item = { $fee } { $yuan } yuan
contract-ack-debit = The contract's debit rate { $contract } differs from the { $acknowledged } the merchant acknowledged with the application.
contract-ack-credit = The contract's credit rate { $contract } differs from the { $acknowledged } the merchant acknowledged with the application.
contract-ack-fee = "{ $fee }" ({ $yuan } yuan) was not among the fees acknowledged with the application: ask what it is before agreeing.
review-check-enterprise = Enterprise records check (企业信息联网核查)
review-check-bank-card = Bank-card verification
review-check-mobile = Real-name mobile check
review-check-risk-list = Risk-list lookup
review-check-callback = Follow-up call (回访)
check-fact-not-reported = not reported
check-fact-passed = passed
check-fact-failed = failed
review-check-item = { $check }: { $fact }
review-checks-reported = The institution reported: { $checks }.
check-card-credit = This is a credit card: settlement goes to a debit card (借记卡).
field-m-account-class = Account class
hint-m-account-class = Class I (Ⅰ类户, a full bank account) is preferred; a Class II account (Ⅱ类户, e.g. an electronic account) has daily and yearly limits on incoming funds from accounts not bound to it.
account-class-i = Class I (Ⅰ类户)
account-class-ii = Class II (Ⅱ类户)
rule-class-ii-account = A Class II account has limits on incoming funds: settlements above them are returned. Prefer a Class I account; confirm with c.
field-m-beneficial-owners = Beneficial owners (受益所有人)
hint-m-beneficial-owners = Each natural person holding 25 % or more of the shares, votes or profits, or controlling the company: "name ID share | nationality | valid until | address; …", e.g. 张三 11010519491231002X 60% | 中国 | 长期 | 深圳市…; John Smith passport:E12345678 control | GBR | 2031-05-01 | 香港…. Another document than a resident ID card: passport:, hk:, tw:, fpr: before the number.
check-owners-format = Beneficial owner { $entry }: write "name ID share | nationality | valid until | address" (share as 25%–100%, or control).
check-owners-id = Beneficial owner { $entry }: the ID number is not valid.
check-owners-share = Beneficial owner { $entry }: only a share of 25 % or more makes a beneficial owner (or write control).
check-owners-total = The beneficial owners' shares add up to { $total } %, more than 100 %.
binding-outsourcer = Installer company (收单外包服务机构)
binding-terminal-photo = Photo: terminal at the counter
binding-terminal-photo-hint = at go-live: the installed terminal at the counter
golive-terminal-photo-missing = No photo of the installed terminal at the counter yet: take one and add it on the Binding step.
binding-location = Install location (lat, lon)
binding-no-acquirer-code = code not in the catalog
binding-acquirer-value = { $name } (institution code { $code })
check-coords-format = Enter the location as latitude, longitude in degrees, e.g. 22.5431, 113.9360.
check-coords-range = The location is outside mainland China's range.
check-coords-swapped = Latitude and longitude seem swapped: enter the latitude first (e.g. 22.5431, 113.9360).
missing-install-location = the install location (latitude, longitude)
case-rebound-institution = New case for a new terminal from the new institution; the old terminal stays keyed to its acquirer — return it (撤机) there. The earlier case is linked.
test-real-terminal-one-payment = A real terminal: the payment test is one 0.01-yuan payment and its void. Live hosts reject test cards, and a series of small payments with voids on a real card looks like card testing or cash-out (测卡/套现) to risk systems — choose a larger count only on purpose. Connectivity rounds are not limited.
interrupt-stopping = Ctrl-C: no new test payment; stopping after the one in flight is finished or voided. Press Ctrl-C again within 5 seconds to quit at once.
interrupt-quit-now = Quit at once: a test payment may be left on the terminal. `posbind pending list` shows what may be open; posbind settles it the next time it talks to this terminal.

## wizard polish B (issue 15)
key-slash = /
act-filter = Search cases
case-filter-count = { $shown } of { $total }
case-filter-none = No case matches the search.
case-filter-hint = Type part of a merchant name, case id, serial number or MID. Enter: walk the matches; Esc: clear the search.
case-col-merchant = Merchant
case-col-step = Step
case-list-loading = Reading the case list…
case-col-status = Status
case-col-updated = Last change
case-col-id = Case id
case-col-short-id = Id
case-keys-short = /: search  Enter: open  b/B: rebind  F1: more
case-keys-short-demo = d: sample  /: search  Enter: open  b/B: rebind  F1: more
case-search-hint = /: search cases (merchant, case id, serial number, MID).
report-simulated = DEMO — SIMULATED TERMINAL: not a real installation
report-not-tested = NOT TESTED
report-mode-connectivity = connectivity test
report-mode-payment = payment test
report-mcc = Merchant category (MCC)
report-rates-label = Rates
report-rates = debit { $debit } ({ $cap }), credit { $credit }
report-fees = Fees consented
report-settlement = Settlement
report-settlement-fee = { $rate } of every payment extra
report-withdrawal-fee = { $yuan } yuan per withdrawal
report-accepted-warnings = Offer warnings accepted
report-fee = { $fee }: { $yuan } yuan
report-no-fees = none
report-chart-caption = Time of each test round ({ $unit }); dashed lines: median (p50) and 95th percentile (p95).
report-unit-ms = ms
report-unit-us = µs
report-sign-merchant = Merchant (signature)
report-sign-installer = Installer (signature)
report-sign-date = Date
report-approval = Approval
report-approved-at = Approved at
report-revision = Application revision
report-approval-by = Approved by
report-approval-simulated = the simulated institution (demo), not a real approval
report-no-approval = NOT APPROVED: there is no approval this terminal could be bound to.
report-device-reported = As the terminal itself reported it (serial number, name and software version).
report-device-person = posbind did not connect to this terminal (it has no cash-register link): nothing below was verified by the terminal; the sign-on slip's numbers were typed in by a person and checked against the approval and the label.
report-device-person-qr = posbind connected to no device (a QR code has no cash-register link): nothing below was verified by a terminal; the MID the code is bound to was typed in by a person and checked against the approval.
report-device-not-read = not read from the terminal
cli-heading-usage = Usage:
cli-heading-commands = Commands
cli-heading-options = Options
cli-heading-arguments = Arguments
cli-flag-help = Print help
cli-flag-version = Print version
cli-help-command = Print this message or the help of the given subcommand(s)
cli-posbind = Gets a merchant's POS terminal bound, activated and proven to work. Without a command: the step-by-step wizard. The terminal is reached through a driver: ZVT (serial or TCP) is built in, any other terminal plugs in with --port driver:COMMAND [ARGS].
cli-posbind--lang = UI language: zh-CN or en (default: from LC_ALL / LC_MESSAGES / LANG, else zh-CN)
cli-posbind--ascii = ASCII glyphs only (bare consoles)
cli-posbind--no_color = No colours (also when NO_COLOR is set)
cli-posbind--data_dir = Where posbind keeps cases, outbox and logs (default: the platform data directory)
cli-posbind--catalog = Institution catalog file (default: catalog.toml in the config directory, else the shipped sample catalog)
cli-posbind--answers = Installer fast path: open the wizard pre-filled from this answers file, on the first step that still needs a person (normally Activation)
cli-posbind--secrets = Secrets file (terminal password) for --answers
cli-posbind--port = The terminal for --answers: device path, tcp://HOST:PORT, sim, or driver:COMMAND [ARGS]
cli-posbind--accept_warnings = Accept the answers file's warnings (they are listed)
cli-posbind--sim = Simulator setting KEY=VALUE for the wizard's port sim (repeatable), e.g. --sim tlv=false for a terminal that does not report its serial number
cli-demo = The wizard against the simulated terminal and institution
cli-cases = List, show, export, rebind or delete cases
cli-cases-list = List the cases, newest first (from the case index)
cli-cases-list--json = A JSON array for scripts (every matching case, no paging)
cli-cases-list--status = Only cases with this status
cli-cases-list--step = Only cases on this step
cli-cases-list--institution = Only cases with this institution (its id, or part of its name)
cli-cases-list--since = Only cases changed on or after this day (YYYY-MM-DD, local time)
cli-cases-list--search = Only cases whose merchant name, id, serial number or MID contains this text
cli-cases-list--page = Show this page (from 1) of --per-page cases
cli-cases-list--per_page = Cases per page
cli-cases-list--all = Every matching case at once, also on a terminal (which otherwise gets the first page)
cli-cases-show = Show one case
cli-cases-show--id = Case id (from cases list)
cli-cases-show--json = The case as JSON
cli-cases-export = Write the application package (JSON or printable HTML) of a case; or, with --all, one record per case for a back office
cli-cases-export--id = Case id
cli-cases-export--format = One case: json (the default) or html; --all: jsonl (the default) or csv
cli-cases-export--out = Directory to write one case's package into (default: the current directory)
cli-cases-export--all = Every case, one record each, on standard output (schema: docs/case-export.md)
cli-cases-export--since = With --all: only cases changed on or after this day (YYYY-MM-DD, local time)
cli-cases-rebind = Start a new case for this merchant's terminal with a new settlement account or a new institution; the terminal is kept and the link recorded. Prints the new case id
cli-cases-rebind--id = Case id
cli-cases-rebind--reason = account (new settlement account) or institution (new institution)
cli-cases-delete = Delete a case and everything in its directory
cli-cases-delete--id = Case id
cli-cases-delete--yes = Do not ask for confirmation
cli-pending = Test payments not yet voided: list them, or take one over (ack) after refunding it
cli-pending-list = List the test payments not yet voided (all terminals)
cli-pending-list--json = A JSON array for scripts
cli-pending-ack = Take over a payment posbind cannot void (refused, or no receipt number) after voiding it on the terminal's menu or refunding it; it leaves the list
cli-pending-ack--id = Payment id (from pending list)
cli-pending-ack--accept_unvoided_risk = Also close a payment posbind could still void or settle itself (if it was booked, it stays on the card)
cli-ports = List serial ports (USB vendor/product ids and names where known)
cli-ports--json = JSON for scripts
cli-probe = Connect to a terminal and print its identity and status
cli-probe--port = Serial device (/dev/ttyUSB0, COM3), tcp://HOST[:PORT], sim for the built-in simulator, or driver:COMMAND [ARGS] for a driver process
cli-probe--baud = Baud rate of a serial port
cli-probe--password = Terminal password (6 digits)
cli-probe--sim = Simulator setting KEY=VALUE (with --port sim; repeatable)
cli-probe--currency = Currency to register with and pay in: ISO 4217 number (156) or code (CNY, EUR)
cli-probe--timeout = Seconds each command may take, whatever the terminal sends meanwhile
cli-probe--json = JSON for scripts
cli-driver = Drivers (--port driver:COMMAND [ARGS]): check one against the driver protocol
cli-driver-check = Run the driver protocol's contract against a driver and print the table (exit 0 when every check passed)
cli-driver-check--timeout = Seconds each command may take
cli-driver-check--json = One JSON object for scripts: "pass", and "checks" (each with "check", "result", "detail")
cli-driver-check--command = The driver's command and its arguments (after --)
driver-check-hello = hello and version
driver-check-identity = identity
driver-check-sign-on = sign-on (签到)
driver-check-pay-void = payment and void
driver-check-unknown-outcome = unknown outcome, via last transaction
driver-check-abort = abort
driver-check-crash = crash in the middle of a payment
driver-check-garbage = only protocol messages on its output
driver-check-timeouts = timeouts
driver-check-pass = pass
driver-check-fail = FAIL
driver-check-skipped = skipped
driver-check-passed = The driver passed every check.
driver-check-failed = The driver failed at least one check (FAIL above).
driver-check-not-running = the driver is not running (an earlier check ended it)
driver-check-no-identity = neither serial number nor TID reported
driver-check-not-offered = not offered by the driver
driver-check-no-commit = no "committed" event with a receipt number before the answer
driver-check-receipt = receipt { $receipt }
driver-check-void-declined = the void was not approved
driver-check-last-differs = the last transaction is not the payment just made
driver-check-aborted = stopped before anything was booked
driver-check-booked-voided = booked before the abort arrived; voided
driver-check-slowest = an unknown operation refused at once; slowest answer { $seconds } s
driver-check-unknown-accepted = an operation that does not exist was answered as done
cli-test-loop = The timed test-transaction loop, headless (exit 0 pass, 1 fail, 2 usage/connection); the result on stdout
cli-test-loop--port = Serial device (/dev/ttyUSB0, COM3), tcp://HOST[:PORT], sim for the built-in simulator, or driver:COMMAND [ARGS] for a driver process
cli-test-loop--baud = Baud rate of a serial port
cli-test-loop--password = Terminal password (6 digits)
cli-test-loop--sim = Simulator setting KEY=VALUE (with --port sim; repeatable)
cli-test-loop--currency = Currency to register with and pay in: ISO 4217 number (156) or code (CNY, EUR)
cli-test-loop--mode = connectivity (Diagnosis, no card) or payment (test amount, then its void)
cli-test-loop--count = Rounds (1 to 100000; default: 10, but 1 for payments on a real terminal)
cli-test-loop--interval = Seconds between rounds
cli-test-loop--amount = Test amount in yuan (in the --currency's major unit), 0.01 to 100.00
cli-test-loop--timeout = Seconds a transaction may take
cli-test-loop--p95_ms = Pass only if the 95th percentile of what the terminal and host take (the cardholder's time left out) is at most this many milliseconds [default: 5000 connectivity, 15000 payment]
cli-test-loop--json = JSON lines for scripts (stdout holds JSON only)
cli-run = Unattended: validate, submit, bind, activate, test and report from an answers file
cli-run--answers = The answers file (TOML; posbind answers template prints one)
cli-run--secrets = Secrets file with the terminal password
cli-run--port = The terminal: device path, tcp://HOST:PORT, sim, or driver:COMMAND [ARGS] (required unless --dry-run)
cli-run--baud = Baud rate of a serial port
cli-run--sim = Simulator setting KEY=VALUE (with --port sim; repeatable)
cli-run--dry_run = Validate only
cli-run--json = A final JSON summary line on stdout
cli-run--accept_warnings = Accept the warnings that need confirmation (they are listed)
cli-run--timeout = Seconds a test transaction may take
cli-run--case = Continue this case (by default: the unfinished case of the same merchant and terminal)
cli-answers = Answers files
cli-answers-template = Print a commented template with every key (valid for the shipped catalog)
cli-simulate = Run a simulated ZVT terminal; prints its device path (or TCP address) first
cli-simulate--config = Settings file (TOML)
cli-simulate--sim = Setting KEY=VALUE (repeatable), e.g. --sim serial=0012AB34 --sim fault.nak=0.1
cli-simulate--tcp = Listen on TCP (HOST:PORT) instead of a pseudo-terminal
cli-check = Check one value (exit 0 valid, 1 invalid, 3 valid with a warning, 2 usage error)
cli-check--kind = What the value is: credit-code (unified social credit code), id (resident ID number), mobile, card (personal bank card), account (company account), branch (bank branch code), licence (payment business licence number), mid (merchant number; with --mcc), tid (terminal ID), coords (install location "latitude, longitude"), case (a case id: the rules an acquirer's reviewer applies, each with its source; exit 0 none fails, 1 one would be rejected, 3 only questions)
cli-check--value = The value as written on the document
cli-check--mcc = The MCC the merchant number should carry (for mid)
cli-check--json = One JSON object: kind, input, normalized, verdict, reasons (for case: the findings and every rule with its source)
help-faq-hint = Tab: FAQ and points to heed for this case (Up/Down scroll).
help-faq-back = Tab: back to the keys. Up/Down: scroll. F1 or Esc: close.
faq-title = 常见问题 / FAQ
faq-q-time = How long does binding take?
faq-a-time-submitted = This application was submitted on { $date }. { $eta } (counted in working days, holidays excluded). Binding and activation follow on the day of approval.
faq-a-time-institution = Not submitted yet. { $name } reviews in { $from }–{ $to } working days from submission (holidays excluded).
faq-a-time-general = The review takes a few working days from submission (the institution's review days; holidays excluded). Choose an institution to see its figures.
faq-q-cost = Does it cost anything?
faq-a-cost-contract = Fees you consented to in this contract: { $fees }. Nothing else may be charged without your consent.
faq-a-cost-none = No contract agreed yet: every fee needs your explicit consent on the Contract step.
faq-warning = Warning: { $text }
faq-q-worked = How do I know it worked?
faq-a-worked-activated = Activated on { $at }: the terminal reported the serial number { $serial } from its label, TID { $tid }.
faq-a-worked-unconfirmed = Activated on { $at }, but the terminal's serial number is not yet confirmed against the label { $serial }.
faq-a-worked-not-yet = Not activated yet: the Activation step connects the terminal, checks its serial number against the label and activates it.
faq-a-worked-test-pass = Test run on { $at }: PASSED, { $succeeded }/{ $count } transactions succeeded.
faq-a-worked-test-fail = Test run on { $at }: FAILED, { $succeeded }/{ $count } transactions succeeded — run it again before go-live.
faq-a-worked-no-test = No test run yet: the Test step runs test transactions and shows the result.
faq-q-change = What if I change my settlement account or institution?
faq-a-change = Rebind: on the case list, highlight this case and press b for a new settlement account (the terminal is kept) or B for a new institution (a new terminal: the old one stays keyed to its acquirer and is returned there). On the command line: posbind cases rebind { $id } --reason account (or institution).
faq-heed-title = 注意事项 / Points to heed
faq-heed-licensed = Choose a licensed institution.
faq-heed-licensed-licence = { $name } holds the payment business licence (支付业务许可证) { $licence }; check it on the PBOC's published list.
faq-heed-licensed-bank = { $name } is a bank: it acquires under its banking licence and has no payment business licence number.
faq-heed-licensed-missing = { $name } shows no payment business licence number: do not sign before you have checked it.
faq-heed-licensed-general = Only banks and non-bank payment institutions with a payment business licence (支付业务许可证) may acquire; the Institution step shows each one's licence.
faq-heed-true = Provide true and complete materials.
faq-heed-true-text = Every document must be genuine, current and the merchant's own; false materials end the contract and may be reported.
faq-heed-rules = Follow the institution's rules.
faq-heed-rules-text = Use the terminal only at the registered address and for the registered business; no cash-out (套现), no lending the terminal, no moving it without approval.
faq-heed-data = Protect personal and transaction data.
faq-heed-data-text = Keep ID copies, card numbers and receipts locked away; never store card data or PINs; give them to no one who asks by phone.
faq-heed-maintain = Check and update the terminal regularly.
key-d = d
act-sample-case = Demo: new case with a sample merchant
case-sample-hint = d: fill a new case with a sample merchant (demo; no typing).
case-sample-demo-only = The sample merchant is only offered in posbind demo.
case-sample-created = New case with the sample merchant: its data and sample scans are filled in. Choose an institution next.
case-sample-failed = The sample scans could not be written: { $error }
binding-sim-label = Demo: the simulated terminal's label reads serial number { $serial }.
faq-id-placeholder = CASE-ID
key-case-list-only = This key works on the case list (step 1).
case-col-serial = Serial no.
## wizard polish A (issue 15)
test-state-running = Running: round { $index } of { $count }.
test-state-paused = PAUSED — p resumes, x stops.
test-state-stopping = Stopping after the current round (a payment is voided first).
help-label-separator = {" / "}
notice-last-step = This is the last step: there is no next one. Enter writes the report; q quits.
case-rebind-ask-account = Rebind "{ $name }" to a new settlement account? This creates a new case and marks this one superseded. Press b again to create it; any other key cancels.
case-rebind-ask-institution = Rebind "{ $name }" to a new institution? This creates a new case for a new terminal and marks this one superseded. Press B again to create it; any other key cancels.
notice-first-step = This is the first step: there is nothing to go back to.
notice-row-read-only = This row is information only: Up/Down choose a row to change.
golive-no-list = Nothing to move here: Enter writes the report, Esc goes back.
institution-debit-cap = debit cap { $cap } yuan
institution-debit-no-cap = no debit cap
id-long-term = long-term
fee-cap = cap { $cap } yuan
fee-no-cap = no cap
offer-warn-fee = The offer charges "{ $en }": { $yuan } yuan. Ask what it pays for, when it is due and whether it is refunded.
help-scroll = Up/Down scroll
test-chart-mark = { $name } { $ms }ms
materials-remove-ask = Remove the file recorded for "{ $item }" from the case? Press Del again to remove it (the file itself stays on disk); any other key keeps it.
materials-removed = The file was removed from the case.
materials-remove-none = Nothing to remove here: Del removes the file recorded for a document row.
materials-no-warning = No warning to confirm on this row: c confirms a row marked [!].
test-not-running = No test is running: p and x act on a running test (Enter on Start starts one).
activation-nothing-to-confirm = Nothing to confirm: c confirms the serial number by hand when the terminal does not report it.
review-confirm-on-record = c records the outcome despite a warning: use it on the "Record the outcome" row.
case-rebind-pick = b and B rebind a case: highlight the case first.
row-full-text = { $label }: { $value }

## Needs attention: a record made from data that changed since (see src/onboarding/basis.rs)
attention-application = The data changed after revision { $revision } was submitted: submit it again as revision { $next }.
attention-review = The approval was for data that has changed since: resubmit, then record the institution's new answer.
attention-contract = The contract was agreed for another institution or approval: check the terms and agree again.
attention-binding = A binding element changed (serial number, institution, MID, credit code, account or place): confirm the binding again (rebind).
attention-activation = The terminal was activated for another serial number, institution or TID: activate it again.
attention-test = The test ran before the current activation: run it again.
attention-go-live = The case changed after the report was written: write the report again.
attention-waits = Waits for { $step }, which needs attention.
missing-test-payment = a payment test must pass, or record that no test card is available (w)
activation-not-ready = The terminal does not report ready (status { $status }): the activation is not done.
activation-other-tid = The terminal reports TID { $reported }, but the approved TID is { $approved }: the activation is not done. Run it again: it starts with Set Terminal-ID.
lifecycle-draft = draft
lifecycle-submitted = submitted rev { $revision }
lifecycle-rejected = rejected rev { $revision }
lifecycle-approved = approved
lifecycle-bound = bound
lifecycle-activated = activated
lifecycle-tested = tested
lifecycle-live = live
lifecycle-needs-attention = needs attention
lifecycle-superseded = superseded
cases-header-id = CASE
cases-header-updated = UPDATED
cases-header-status = STATUS
cases-header-step = STEP
cases-header-merchant = MERCHANT
report-inconsistent = No report: these steps need attention first: { $steps }.
key-w = w
act-waive-payment-test = No test card: record that a payment test is not possible (press twice)
test-waiver-needs-connectivity = Run and pass the connectivity test first; then w records that no test card is available.
test-waiver-confirm = Press w again to record: payment test not possible (no test card). The report will say so.
test-waiver-recorded = Recorded: payment test not possible (no test card). The report says so.
run-payment-test-missing = The connectivity test passed, but only a payment test proves the terminal: run with mode = "payment" and a test card, or set no_test_card = true in [test] to record that none is available.
activation-records-dropped = The terminal is the one on the label, but it does not report ready with the approved TID (status { $status }): the earlier activation no longer holds. Run the activation again.
report-test-line-payment = Payment test: { $count } payments of { $yuan } yuan with a test card, each voided
report-test-line-connectivity = Connectivity test: { $count } rounds (Diagnosis with the host; no payment)
report-test-current = The result is the test of { $at }; the tests below are not.
report-test-not-current = not the result
report-waiver = PAYMENT TEST NOT POSSIBLE (no test card), recorded { $at }: only the link to the host was proven. Run a payment test when a test card is available.
report-connectivity-only = CONNECTIVITY ONLY: no payment was tested, and no "no test card" was recorded. This report does not prove the terminal takes payments.
report-link-only = CONNECTIVITY ONLY
replay-write-failed = The case is saved, but its replay answers file could not be written: { $error }
cases-export-changed = The case changed after revision { $revision } was submitted: an export now would not be what was submitted. The submitted package is in { $outbox }; submit the changes as the next revision first.
test-passed-connectivity = The connectivity test passed: the link to the host works. Only a payment test proves payments; without a test card, record that with w (twice).
activation-recorded-reconnect = Recorded as activated on { $at }. Connect to re-read the terminal: one that was reset or re-keyed since no longer counts as activated.
step-attention-line = needs attention: { $why }
test-result-link-only = CONNECTIVITY OK: { $ok }/{ $count } succeeded; no payment tested yet.

## Money safety: committed payments, the pending store, recovery, pass rules
loop-committed-no-receipt = BOOKED, CANNOT BE VOIDED BY POSBIND: a test payment of { $amount } yuan ({ $time }) was booked, but its receipt number could not be read. Void it on the terminal's own menu (撤销, the last transaction) or refund it, then `posbind pending ack { $id }`.
pending-no-receipt = BOOKED, NO RECEIPT NUMBER: test payment of { $amount } yuan ({ $time }) on terminal { $terminal } was booked and posbind cannot void it. Void it on the terminal's own menu or refund it, then `posbind pending ack { $id }`.
pending-state-no-receipt = booked, receipt unreadable: void it on the terminal, then ack
pending-state-damaged = record damaged: check the terminal's journal, then ack
pending-store-unreadable = The record of open test payments cannot be read ({ $error }). No test payment is made and no case goes live until it can: fix the file or its permissions.
pending-store-damaged-line = { $path }, line { $line }: not a readable record ({ $reason }); skipped, every other line still counts.
pending-terminal-unknown = The terminal did not report its serial number or TID, so its test payments could not be kept track of: no payment was made. Check the cable and try again.
pending-ack-voidable = Payment { $id } (receipt { $receipt }, { $amount } yuan, { $time }) is not closed: posbind can still void it or find out whether it was booked, the next time it talks to terminal { $terminal }. Connect the terminal and run any command (e.g. `posbind probe`). If you voided or refunded it yourself, add --accept-unvoided-risk.
lock-payments-held = Another posbind process (pid { $pid }) is talking to terminal { $terminal } about its test payments. Wait until it ends, or close it; no payment was made or voided here.
lock-index-held = Another posbind process (pid { $pid }) is writing the case index. The case itself is saved; the list reads it again.
recovery-ask = Asking the terminal for its last transaction ({ $left } s of the recovery budget left)…
recovery-reversal = Voiding the test payment, attempt { $attempt } ({ $left } s of the recovery budget left)…
recovery-check = Checking the terminal's last transaction before believing the void ({ $left } s left)…
rule-stopped = not passed: only { $ran } of { $planned } rounds ran.
rule-rounds-failed = not passed: { $failed } of { $ran } rounds failed.
rule-unreversed = not passed: { $payments } test payment(s) still open on this terminal.
rule-terminal-p95 = not passed: the terminal and host took { $p95 } ms at the 95th percentile (the cardholder's time left out); the limit is { $limit } ms (--p95-ms).

## rejection rules (issue 25)
rule-severity-refuse = will be rejected
rule-severity-warn = may be questioned
app-reject-title = Before submission: what a reviewer would reject
app-reject-none = No reviewer's rule fails for this application.
app-reject-line = Likely to be rejected because { $what } (source: { $source })
app-question-line = May be questioned: { $what } (source: { $source })
step-reject-first = Likely to be rejected: { $what }{ $more ->
        [0] {""}
       *[other] {" "}And { $more } more.
    } F1 shows each with its source.
step-question-first = May be questioned: { $what }{ $more ->
        [0] {""}
       *[other] {" "}And { $more } more.
    } F1 shows each with its source.
app-reject-blocks = Fix what would be rejected before submitting
reject-mcc-nonprofit-body = MCC { $mcc } is a non-profit (公益类) category, for non-profit bodies only (credit code starting 12, 51, 52 or 53; this one: { $prefix }): a business under it is 跳码.
reject-mcc-nonprofit-proof = MCC { $mcc } (公益类) needs the proof of a non-profit body (事业单位法人证书, 民办非企业单位登记证书 or 基金会法人登记证书) in the materials.
reject-mcc-micro-licensed-trade = MCC { $mcc } needs an industry licence or proof of a discounted trade, which a micro merchant without a business licence cannot hold: choose the category of the real business.
reject-mcc-industry-licence = MCC { $mcc } needs the { $en } in the materials.
reject-mcc-discount-proof = MCC { $mcc } is a discounted (优惠类) category: acquirers ask for proof of the trade (e.g. a supermarket's floor area and checkouts).
reject-local-coverage = The terminal is installed in { $en }, which the institution's licence does not cover (it covers { $covered_en }): acquiring at a physical merchant is local.
reject-local-coverage-unknown = The catalog does not say which provinces the institution may acquire in: confirm that its licence covers { $en }.
reject-local-province-unknown = The install address names no province or city posbind knows: write it with the province first (e.g. 广东省深圳市…).
reject-local-credit-code-region = The credit code was registered in { $reg_en }, the terminal is installed in { $en }: acquirers ask for the branch's licence (分支机构营业执照) or proof of the place of business there.
reject-local-mid-region = The merchant number names { $mid_en } (its characters 4–7), the terminal is installed in { $en }: acquiring across provinces (异地收单) is not allowed; ask the institution to set the merchant up in the install province.
reject-local-coordinates = The install location ({ $coords }) is not in { $en }, the province of the install address: check the coordinates.
reject-licence-business-type = The licence's business types ({ $types }) do not include acquiring at a physical merchant (银行卡收单 or 支付交易处理（Ⅰ类）).
reject-licence-holder-name = Licence { $licence } belongs to "{ $holder }" on the central bank's list, not to "{ $name }".
reject-licence-holder-unknown = The catalog does not say which institution licence { $licence } belongs to: check the number against the name on the central bank's public list.
reject-licence-sample-number = Licence { $licence } is one of posbind's sample numbers: this is not a real institution.
reject-rep-age = The legal representative is { $age }: the institution accepts { $youngest } to { $oldest } years.
reject-id-validity-age = An ID card valid until { $until } does not fit someone born in { $born } (validity follows the age at issue: 5, 10 or 20 years, 长期 from 46): check the date on the card.
reject-owner-details = Beneficial owner(s) { $entries }: nationality, document validity or address missing (write "| nationality | valid until | address" after the entry).
reject-offer-below-cost = The offer's rate is below the acquirer's cost for the category.
rule-source-mcc-nonprofit-body = 发改价格〔2016〕557号 (公益类 for non-profit bodies only); GB 32100-2015 (credit code's registering authority and kind)
rule-source-mcc-nonprofit-proof = 发改价格〔2016〕557号; acquirers' review rules
rule-source-mcc-micro-licensed-trade = Catalog data (assets/mcc.toml): industry licences are issued to licensed businesses only
rule-source-mcc-industry-licence = 药品管理法 (pharmacies), 成品油市场管理办法 (fuel), 旅馆业治安管理办法 (特种行业, hotels), 烟草专卖法 (tobacco), 医疗机构管理条例 (medical), 民办教育促进法 (schools); licence per MCC in assets/mcc.toml
rule-source-mcc-discount-proof = 发改价格〔2016〕557号 and 银发〔2021〕169号 (优惠类); acquirers' review rules
rule-source-local-coverage = 银行卡收单业务管理办法 (中国人民银行公告〔2013〕第9号): local acquiring; the licence's business coverage (catalog `provinces`)
rule-source-local-coverage-unknown = Catalog data (`provinces` not given)
rule-source-local-province-unknown = posbind: the province is needed for the local-acquiring rules
rule-source-local-credit-code-region = GB 32100-2015 (characters 3–8: registering region); 银行卡收单业务管理办法 (local acquiring)
rule-source-local-mid-region = 银行卡收单业务管理办法 (local acquiring); the catalog says how the institution's MIDs carry the region (mid_region)
rule-source-local-coordinates = 银发〔2021〕259号 (the terminal's geographic location is a binding element); assets/regions.toml (approximate)
rule-source-licence-business-type = 非银行支付机构监督管理条例 (国务院令第768号) and its rules: business types on the licence
rule-source-licence-holder-name = The central bank's public list of licensed payment institutions (catalog `licence_holder`)
rule-source-licence-holder-unknown = Catalog data (`licence_holder` not given)
rule-source-licence-sample-number = posbind's sample catalog (sequence 9900 and above is never issued)
rule-source-rep-age = Catalog data (`rep_age`, the acquirer's limits); 民法典 art. 17–18 (full civil capacity from 18)
rule-source-id-validity-age = Resident Identity Card Law (居民身份证法), art. 5 (validity by age at issue)
rule-source-owner-details = 受益所有人信息管理办法 (中国人民银行、国家市场监督管理总局令〔2024〕第3号)
rule-source-offer-below-cost = 发改价格〔2016〕557号 (issuer and network fees; the network fee is split between issuer and acquirer), 银发〔2021〕169号 (优惠类)
help-rules-title = Rules a reviewer applies (checked before submission)
help-rule-line = If it fails, the application { $severity }. Source: { $source }
check-case-head = Case { $id } ({ $merchant }): { $refused } rule(s) would reject it, { $questioned } may be questioned.
check-case-none = No rule a reviewer applies fails for this case.
check-case-unknown = No case { $id }.
# posbind health (issue 26): a finding says what was found (health-CODE) and one action (health-CODE-action).
cli-health = The health of a live case (or --all): exit 0 healthy, 1 needs attention, 2 usage error, 3 could not check
cli-health--case = The case id (default: the only live case)
cli-health--all = Every live case (off-line checks; with --port also the terminal's, for the case bound to it)
cli-health--port = The terminal: serial device, tcp://HOST[:PORT], sim, or driver:COMMAND [ARGS] (without it, off-line checks only)
cli-health--baud = Baud rate of a serial port
cli-health--password = Terminal password (6 digits)
cli-health--sim = Simulator setting KEY=VALUE (with --port sim; repeatable)
cli-health--currency = Currency to register with: ISO 4217 number (156) or code (CNY)
cli-health--timeout = Seconds each command to the terminal may take
cli-health--json = JSON for scripts (documented in the README)
health-head = Case { $id } ({ $merchant }): { $state }
health-state-healthy = healthy
health-state-needs-attention = needs attention
health-state-unchecked = could not be checked
health-level-info = info
health-level-attention = attention
health-level-urgent = urgent
health-next = Next check needed by: { $date }
health-not-live = The case is not live (status: { $status }): finish its steps in the wizard first.
health-no-live-case = There is no live case to check: name a case, or finish one first.
health-which-case = There are { $count } live cases: name the case to check (posbind cases list --status live), or use --all.
health-all-summary = { $checked } live case(s) checked: { $healthy } healthy, { $attention } need attention, { $unchecked } could not be checked.
health-id-expiring = { $whose ->
    [owner] The beneficial owner { $name }'s identity document
   *[legal-rep] The legal representative { $name }'s ID
  } expires on { $date } (in { $days } days).
health-id-expiring-action = Send the institution a copy of the renewed document before { $date }; an expired ID can get the merchant's settlement suspended.
health-id-expired = { $whose ->
    [owner] The beneficial owner { $name }'s identity document
   *[legal-rep] The legal representative { $name }'s ID
  } expired on { $date }.
health-id-expired-action = Renew the document and send the institution a copy now: it may suspend settlement until it has one.
health-institution-missing = { $name_en } is no longer in the current institution catalog.
health-institution-missing-action = Check on the central bank's public list that { $name_en } is still licensed, and ask your catalog supplier why it was removed.
health-institution-revoked = { $name_en }'s payment licence is revoked in the current catalog.
health-institution-revoked-action = Move the merchant to a licensed institution (posbind cases rebind { $case } --reason institution) and stop using this terminal for payments.
health-institution-unlicensed = { $name_en } has no valid payment licence number in the current catalog.
health-institution-unlicensed-action = Check its licence on the central bank's public list before taking more payments; rebind to another institution if it has none.
health-institution-licence-changed = { $name_en }'s licence number in the catalog changed from { $before } to { $now }.
health-institution-licence-changed-action = Check the new number on the central bank's public list and that it belongs to { $name_en }.
health-fee-unconsented = The contract holds a fee the merchant did not consent to.
health-fee-unconsented-action = Open the case's Contract step and have the merchant consent to or remove the fee; a fee without consent must not be charged.
health-rate-raised = The institution's { $card } card rate is now { $offer }; the merchant's contract says { $contract }.
health-rate-raised-action = Compare the merchant's statement with the contract: a higher rate needs their new consent (call the institution if it was charged).
health-fee-new = The institution now lists a fee of { $yuan } yuan ({ $fee_en }) the merchant did not consent to.
health-fee-new-action = Make sure it is not charged to this merchant without their consent; ask the institution in writing.
health-end-of-day-overdue = No end-of-day (settlement) recorded for { $hours } hours (since { $since }).
health-end-of-day-overdue-action = Run the end-of-day today: posbind settle (or the Maintenance screen); the batch's payments are settled only after it.
health-open-payments = { $count } test payment(s) on this terminal are not yet voided.
health-open-payments-action = Connect the terminal (posbind probe --port PORT voids them) or follow posbind pending list; never start a payment while they are open.
health-serial-differs = The terminal reports serial number { $reported }, but the case is bound to { $bound }.
health-serial-differs-action = Use the bound terminal; a replaced terminal must be unbound and the new one bound (换机) and the institution told.
health-tid-differs = The terminal reports TID { $reported }, but the institution approved { $bound }.
health-serial-not-reported = The terminal did not report its serial number: that it is the bound terminal ({ $bound }) is not verified.
health-serial-not-reported-action = Compare the label on the terminal with { $bound }; a terminal that never reports its serial number is checked by a person.
health-tid-not-reported = The terminal did not report a TID: that it uses the approved TID { $bound } is not verified.
health-tid-not-reported-action = Sign on (签到) on the terminal and check the health again; a terminal that still reports none is asked about at the institution.
health-tid-differs-action = Stop taking payments on it and call the institution: payments would settle under another TID.
health-not-ready = The terminal is not ready (status { $status }).
health-not-ready-action = Run the activation again from the wizard (Activation step) or call the institution's support.
health-software-old = Software { $version } on { $model } is older than the { $minimum } the institution requires.
health-software-old-action = Have the terminal update its software (its menu, or the institution's service) before the institution refuses it.
health-software-unknown = The terminal's software version ({ $version }) cannot be compared with the minimum { $minimum }.
health-software-unknown-action = Read the version on the terminal's screen and compare it yourself.
cli-settle = End-of-day (settlement, 结算) of a live case's terminal: its total shown and kept in the case
cli-settle--case = The case id (default: the only live case)
cli-settle--port = Serial device (/dev/ttyUSB0, COM3), tcp://HOST[:PORT], sim for the built-in simulator, or driver:COMMAND [ARGS] for a driver process
cli-settle--baud = Baud rate of a serial port
cli-settle--password = Terminal password (6 digits)
cli-settle--sim = Simulator setting KEY=VALUE (with --port sim; repeatable)
cli-settle--currency = Currency to register with: ISO 4217 number (156) or code (CNY)
cli-settle--timeout = Seconds each command may take, whatever the terminal sends meanwhile
cli-settle--json = JSON for scripts
settle-wrong-terminal = This is not the case's terminal: it reports serial number { $serial } and TID { $tid }, the case is bound to { $bound } with TID { $approved }. Nothing was done.
settle-open-payments = { $count } test payment(s) on this terminal are still open: the end-of-day would settle them to the merchant. Void them first (posbind pending list); nothing was done.
settle-running = End-of-day (结算): the terminal closes its batch…
settle-total = batch total { $yuan } yuan
settle-no-total = the terminal did not report a total
settle-done = End-of-day done for case { $id } ({ $merchant }), TID { $tid }: { $total }. Kept in the case's journal.
day-title = End-of-day report (结算日报)
day-at = End-of-day at
day-since = Batch opened (previous end-of-day or go-live)
day-currency = Currency (ISO 4217)
day-note = The total is the batch the terminal closed, as it reported it: the payments since the previous end-of-day, voided ones not counted. Payments after this time are in the next batch. Compare it with the terminal's own settlement slip and keep both.
day-sign-cashier = Cashier
settle-report = Day report (one A4 page): { $path }
cli-exceptions = What to do when something goes wrong after go-live, with the case's data (also: posbind help exceptions)
cli-exceptions--case = The case id (default: the only live case; none: the general answers)
exc-title = 出现问题时 / When something goes wrong
exc-phone-unknown = the service number in your contract (the catalog lists none)
exc-institution-general = your acquiring institution
exc-terminal = the terminal with serial number { $serial }, TID { $tid } and MID { $mid }
exc-terminal-general = your terminal (serial number on its label, TID and MID on every slip)
exc-address-general = the registered install address
exc-q-slip = The slip did not print.
exc-a-slip = Do not charge the card again before you know whether the payment went through. Use the terminal's reprint function (重打印, "reprint last"): it prints the last transaction again; or look it up in its transaction query (交易查询); or let posbind ask the terminal: the Maintenance screen's "Last transaction" row (the terminal connected on the Activation screen) shows its receipt number, amount and whether it was approved. Listed there with a receipt number: it went through, give the customer the reprint. Not listed: it did not, and nothing was debited. Out of paper: load a roll first. Still unclear: call { $institution } at { $phone } about { $terminal }, with the time of the payment.
exc-q-double = A card charged twice?
exc-a-double = Compare the terminal's last transactions (交易查询): two entries with the same amount and different receipt numbers (凭证号) are two payments; one entry is one payment, whatever the customer's banking app shows for a while. The extra one is taken back by a void (撤销) while its batch is open — the same day, before the end-of-day: the full amount, with the card and the receipt number, on the terminal's menu; nothing is settled to you and the card's hold is released. After the end-of-day only a refund (退货) is possible: the full amount or part of it, within the institution's time limit; the money reaches the card in a few working days and the fee may not be returned.
exc-a-double-batch = The last end-of-day posbind ran on this terminal was at { $at }: a payment after it is in the open batch and is voided, one before it is refunded (an end-of-day on the terminal's own menu is not known to posbind).
exc-a-double-general = posbind has no end-of-day of this terminal on record: a payment after the last end-of-day (posbind settle, or the terminal's menu) is voided, an older one is refunded.
exc-a-double-reversal = An automatic reversal (冲正) is not something you start: when the terminal gets no answer to a payment (line dropped, time-out), it cancels the payment with the host by itself, at once or at its next connection. The customer may see the amount held for a few working days until the card's bank releases it; that is not a second charge: do not void or refund it as well.
exc-q-stuck = A payment stays "in progress".
exc-a-stuck = Wait for the terminal's own time-out (about a minute): do not unplug it, switch it off or start another payment meanwhile. When it ends without a result, look up the last transaction (交易查询 or reprint): booked, it is a payment, hand over the slip; not booked, the terminal cancels it by an automatic reversal (冲正) and the customer pays again. A test payment posbind made and could not void stays in its list: posbind pending list.
exc-q-update = The terminal refuses cards after a software update.
exc-a-update = Check it: posbind health { $id } --port PORT compares its serial number, TID and software version with the case and the institution's minimum. Then sign on again (签到) on its menu so that it loads its parameters and keys. If it still refuses, call { $institution } at { $phone } about { $terminal }: the update may need new parameters from the host. Do not reset it to factory settings yourself: its keys would be lost.
exc-q-lost = The terminal is lost or stolen.
exc-a-lost = Call { $institution } at { $phone } at once and have { $terminal } stopped, so that nobody takes or refunds payments on it; report a theft to the police and keep the report number. A terminal found again is not used before the institution enables it again; a new terminal for this merchant is bound through the institution, not as a new application.
exc-q-never = What you must never do
exc-a-never-lend = Lend the terminal, or let anyone else take payments on it: every payment is booked to your merchant account, and the institution closes accounts for lending terminals (出借) and cash-out (套现).
exc-a-never-move = Move it away from { $address } without telling { $institution } first: moving (移机) needs its approval and a new location record; a terminal that reports another place is stopped.
exc-a-never-rate = Let anyone "adjust the rate" (调费率) on the terminal: your rates are { $debit } debit and { $credit } credit, set by { $institution } in your contract, and nobody changes them on the terminal. Whoever offers a lower rate, asks for the terminal password or wants the terminal for a "system upgrade" is a fraudster.
exc-a-never-rate-general = Let anyone "adjust the rate" (调费率) on the terminal: your rates are set by the institution in your contract, and nobody changes them on the terminal. Whoever offers a lower rate, asks for the terminal password or wants the terminal for a "system upgrade" is a fraudster.
cli-cases-move = The terminal of a live case was moved (移机) with the institution's approval: new install address and location, the binding confirmed again, the report written again
cli-cases-move--id = Case id
cli-cases-move--address = The new install address (in the same province)
cli-cases-move--location = The new install location, "LAT, LON"
cli-cases-move--approval = The institution's reference for its approval of the move
cli-cases-move--json = JSON for scripts
move-no-approval = A move (移机) needs the institution's approval first: give its reference with --approval. Nothing was changed.
move-same-address = The terminal is already registered at this address. Nothing was changed.
move-no-province = The address "{ $address }" names no province or city posbind knows: write it from the province or city on. Nothing was changed.
move-other-province = A terminal is not moved across provinces ({ $from } → { $to }): acquiring is local, and the terminal reports its location. The institution binds a new terminal there under a new case. Nothing was changed.
move-location-outside = The location { $location } is not in { $province }, where the new address is: check the coordinates (latitude first). Nothing was changed.
move-done = Move recorded for case { $id }: installed at { $address } now; the binding is confirmed with the new placement and the report written again: { $report }
report-upkeep = After go-live
report-move = { $at }: moved (移机) from { $from } to { $to }, institution's approval { $approval }
cli-cases-replace = The terminal of a live case replaced by a new one (换机) with the institution's approval: the old one unbound, the new one bound, activated and tested, the report written again
cli-cases-replace--id = Case id
cli-cases-replace--serial = The new terminal's serial number (from its label)
cli-cases-replace--approval = The institution's reference for its approval of the replacement
cli-cases-replace--port = The new terminal: serial device (/dev/ttyUSB0, COM3), tcp://HOST[:PORT], sim for the built-in simulator, or driver:COMMAND [ARGS]
cli-cases-replace--baud = Baud rate of a serial port
cli-cases-replace--password = Terminal password (6 digits)
cli-cases-replace--sim = Simulator setting KEY=VALUE (with --port sim; repeatable)
cli-cases-replace--currency = Currency to register with and pay in: ISO 4217 number (156) or code (CNY)
cli-cases-replace--timeout = Seconds each command may take, whatever the terminal sends meanwhile
cli-cases-replace--json = JSON for scripts
replace-no-approval = A replacement (换机) needs the institution's approval first: give its reference with --approval. Nothing was changed.
replace-same-serial = This serial number is the bound terminal's own: give the new terminal's serial number from its label. Nothing was changed.
replace-serial-not-reported = The terminal at this port does not report its serial number, so posbind cannot confirm it is the new one on the label. Nothing was changed.
replace-test-failed = The new terminal is bound and activated, but its test did not pass: the case is not live again yet. Run the same command again (it continues the replacement).
replace-done = Replacement recorded for case { $id }: terminal { $serial } is bound, activated and tested; the report is written again: { $report }
report-replacement = { $at }: terminal { $old } replaced by { $new } (换机), institution's approval { $approval }
maint-summary = Maintenance (live)
maint-explain = The case is live: its health, the end-of-day, and moving (移机) or replacing (换机) the terminal with the institution's approval. F1 for what to do when something goes wrong.
maint-eod = End-of-day (结算)
maint-eod-none = none recorded yet
maint-eod-last = last { $at }, { $yuan } yuan
maint-eod-done = End-of-day done: batch total { $yuan } yuan, kept in the case's journal. Day report: { $path }
maint-eod-done-no-total = End-of-day done (the terminal did not report a total), kept in the case's journal. Day report: { $path }
maint-findings-more = … and { $count } more: `posbind health` lists them all.
maint-eod-report-failed = End-of-day done and kept in the case's journal, but its day report could not be written: { $why }
maint-last = Last transaction (末笔查询)
maint-last-hint = Enter: ask the terminal connected on the Activation screen for its last transaction (a slip that did not print, a payment the customer doubts); nothing on the terminal changes. Compare it with the slip, then reprint on the terminal's own menu if needed.
maint-last-approved = The terminal's last transaction: receipt { $receipt }, trace { $trace }, { $yuan } yuan, approved. A customer charged for it holds a valid payment; a second charge shows as another receipt.
maint-last-declined = The terminal's last transaction: receipt { $receipt }, trace { $trace }, { $yuan } yuan, not approved (code { $code }): nothing was charged for it.
maint-last-none = The terminal reports no last transaction.
maint-last-failed = The terminal could not say what its last transaction was: { $why }
maint-eod-hint = Enter: end-of-day on the terminal connected on the Activation screen (it must be this case's terminal, with no test payment open); the total is kept in the case. posbind settle does the same from the command line.
maint-move-address = 移机: new address
maint-move-location = 移机: location
maint-approval = Approval ref.
maint-move-confirm = 移机: confirm the move
maint-empty = (Enter to type)
maint-move-hint = Moving the terminal (移机) needs the institution's approval first. Type the new address (same province), its location "LAT, LON" and the approval reference, then Enter on "confirm the move": the binding is confirmed with the new placement and the report written again.
maint-move-done-told = Move recorded: the binding holds the new placement, the report is written again. Notice for the institution (send it through its own channel): { $path }
maint-move-done = Move recorded: the binding holds the new placement, the report is written again.
maint-replace-serial = 换机: new serial
maint-replace-confirm = 换机: confirm replacement
maint-replace-hint = Replacing the terminal (换机) needs the institution's approval. Type the new terminal's serial number from its label and the approval reference, then Enter on "confirm replacement": the old terminal is unbound, and Binding, Activation and Test follow for the new one.
maint-replace-done-told = Replacement recorded: confirm the new terminal's binding, then activate and test it. Notice for the institution (send it through its own channel): { $path }
maint-replace-done = Replacement recorded: confirm the new terminal's binding, then activate and test it.
maint-healthy = Health: nothing needs doing now.
id-kind-resident = Resident ID card (中华人民共和国居民身份证)
id-kind-passport = Passport (护照)
id-kind-hk-macao = Mainland travel permit for Hong Kong and Macao residents (港澳居民来往内地通行证)
id-kind-taiwan = Mainland travel permit for Taiwan residents (台湾居民来往大陆通行证)
id-kind-foreign-permanent = Foreign permanent resident ID card (外国人永久居留身份证)
field-m-id-kind = ID document
field-m-nationality = Nationality
field-m-birth-date = Date of birth
hint-m-id-kind = Enter cycles through the documents: resident ID, passport, Hong Kong/Macao and Taiwan permits, foreign permanent resident ID.
hint-m-nationality = The nationality on the passport or permanent resident ID (e.g. GBR, 英国).
hint-m-birth-date = The date of birth on the document (YYYY-MM-DD): this document's number does not carry it.
check-id-doc-format = The number does not have the shape of { $kind ->
        [passport] a passport number (5–17 letters and digits)
        [hk_macao_permit] a Hong Kong/Macao permit (H or M and 8 or 10 digits)
        [taiwan_permit] a Taiwan permit (8 digits, or 10 digits and a letter)
        [foreign_permanent] a foreign permanent resident ID (18 digits from 9, or 3 letters and 12 digits)
       *[other] an ID number
    }.
check-birth-date = Write the date of birth as YYYY-MM-DD (a real date, not in the future).
check-owners-validity = Beneficial owner { $entry }: the document's validity is not a date (长期 only for a resident ID card), or it has expired.
offer-warn-settlement-fee = { $settlement } settlement costs an extra { $rate } of every payment.
offer-warn-withdrawal-fee = Each withdrawal costs { $yuan } yuan.
rule-title-mcc-nonprofit-body = 公益类 MCC only for non-profit bodies
rule-title-mcc-nonprofit-proof = 公益类 MCC needs the non-profit proof
rule-title-mcc-micro-licensed-trade = No licensed or discounted trade for a micro merchant
rule-title-mcc-industry-licence = The trade's industry licence
rule-title-mcc-discount-proof = 优惠类 MCC: proof of the trade
rule-title-local-coverage = Install province within the institution's coverage
rule-title-local-coverage-unknown = The institution's coverage is stated
rule-title-local-province-unknown = The install address names its province
rule-title-local-credit-code-region = Credit code's region and install province
rule-title-local-mid-region = Merchant number's region and install province
rule-title-local-coordinates = Install coordinates inside the address's province
rule-title-licence-business-type = The licence covers acquiring
rule-title-licence-holder-name = Licence number and institution name
rule-title-licence-holder-unknown = The licence's holder is stated
rule-title-licence-sample-number = No sample licence number outside the demo
rule-title-rep-age = Legal representative's age within the acquirer's limits
rule-title-id-validity-age = ID card validity fits the holder's age
rule-title-owner-details = Beneficial owners' nationality, validity and address
rule-title-offer-below-cost = Offer not below the acquirer's cost floor
answers-offer-accepted-key = Offer warning accepted by contract.accept "{ $key }": { $what }
answers-offer-accepted-flag = Offer warning accepted by --accept-warnings ("{ $key }"): { $what }
contract-row-debit-cap = Debit cap
contract-bad-cap = Enter the debit cap in yuan per payment, e.g. 20 (0 for no cap).
contract-diff-debit-cap = The contract's debit cap { $contract } yuan differs from the offer's { $other } yuan.
contract-ack-debit-cap = The contract's debit cap { $contract } yuan differs from the { $other } yuan the merchant acknowledged with the application.
contract-accepts-warning = Agreeing accepts: { $what }
answers-offer-accepted-wizard = Offer warning accepted in the wizard's Contract step ("{ $key }"): { $what }

## Terminals without a cash-register link: activation and test confirmed by a person (e-signature POS, smart POS, MPOS, wireless POS without a link, QR codes)
person-step-activation-code = Activation code entered
person-step-key-download = Key download (TMS)
person-step-sign-on = Sign-on (签到)
person-step-bind-mid = QR code bound to the MID
person-hint-activation-code = The installer enters the acquirer's activation code on the terminal (it needs 4G or Wi-Fi). Press Enter to confirm when done.
person-hint-key-download = Once activated, the terminal downloads its parameters and keys from the TMS; press Enter to confirm when it says the download succeeded.
person-hint-sign-on = Sign on at the terminal, copy the MID, TID and serial number from the sign-on slip (paper or on screen) into the three rows above, then press Enter: recorded only when they match the approval and the label.
person-hint-bind-mid = Bind the QR code to the MID in the acquirer's merchant portal or app, copy the MID it shows into the row above, then press Enter: recorded only when it matches the approval.
person-mid-differs = The MID typed differs from the approved MID: check the slip or the merchant portal. Nothing recorded.
person-tid-differs = The TID typed differs from the approved TID: check the slip. Nothing recorded.
person-serial-differs = The serial number typed differs from the label: this may be another terminal. Nothing recorded.
person-reference-invalid = Type the reference or order number from the receipt (letters and digits, at most 40).
person-has-link = This terminal has a cash-register link: posbind drives its activation and test, no person's confirmation is needed.
person-who-missing = First type who confirms (a name or a role) in the "Confirmed by" row.
person-step-first = Confirm in order: an earlier step is not confirmed yet.
missing-person-slip = The MID and the other facts of the sign-on slip (or the QR binding)
missing-person-test-qr = Confirm the test payment by a scan and its refund
missing-person-test = Confirm the test payment and its void
person-who = Confirmed by
person-slip-mid = Sign-on slip MID
person-slip-tid = Sign-on slip TID
person-slip-serial = Sign-on slip serial
person-qr-mid = MID bound to
person-receipt-mid = Receipt MID
person-receipt-tid = Receipt TID
person-receipt-reference = Receipt reference no.
person-qr-order = Payment order no.
person-test-confirm = Confirm paid + voided
person-test-confirm-qr = Confirm paid + refunded
person-confirmed-by = Confirmed by a person: { $who }, { $at }
person-step-recorded = Recorded as confirmed by a person (not verified by the terminal).
person-test-recorded = Test recorded as confirmed by a person (not verified by the terminal).
person-link-row = Cash-register link
person-link-none = none (a person confirms)
person-link-yes = yes (ZVT or a driver)
person-link-changed = Cash-register link changed; what a person confirmed was cleared.
person-no-terminal-keys = posbind connects to no terminal here: nothing to pause, stop, waive or confirm from the terminal. Confirm each step with Enter.
person-qr-payment-mid = Payment MID
golive-test-person = confirmed by a person
run-person-no-port = This terminal type ({ $type }) has no cash-register link: no port is opened; what a person confirmed in the answers' [person] table is recorded.
run-person-missing = The answers file has no [person] table: this terminal type has no cash-register link, so name who confirms (confirmed_by), the steps done (done), the sign-on slip (slip) and the first receipt (receipt).
run-person-step = Confirmed by a person ({ $who }): { $step }
run-person-test-qr = Confirmed by a person ({ $who }): test payment by a scan and its refund, order { $reference }
run-person-test = Confirmed by a person ({ $who }): test payment and void, reference { $reference }
report-person-confirmed = Confirmed by a person: { $who }, { $at }
report-terminal-confirmed-steps = Confirmed by the terminal at { $at }: { $steps }.
report-person-slip = Sign-on slip: MID { $mid }, TID { $tid }, serial { $serial } (typed by a person, checked against the approval and the label)
report-person-qr-mid = Bound to MID { $mid } (typed by a person, checked against the approval)
report-person-receipt-qr = First payment: MID { $mid }, order { $reference }, { $amount } yuan (typed by a person)
report-person-receipt = First receipt: MID { $mid }, TID { $tid }, reference/order { $reference }, { $amount } yuan (typed by a person)
report-person-test-qr = Test: payment by a scan and its refund confirmed by a person
report-person-test = Test: payment and void confirmed by a person
faq-a-worked-person = Activated on { $at }, confirmed by a person, { $who } (the sign-on slip's MID, TID and serial number were checked against the approval and the label { $serial }; TID { $tid }). posbind did not connect to this terminal: nothing was verified by the terminal.
faq-a-worked-person-qr = The QR code was bound to the MID on { $at }, confirmed by a person, { $who }. posbind connected to no device.
faq-a-worked-person-test-qr = Test on { $at }: a 0.01-yuan payment by a scan and its refund confirmed by a person, { $who }; order { $reference }.
faq-a-worked-person-test = Test on { $at }: a 0.01-yuan payment and its void confirmed by a person, { $who }; reference { $reference }.
notice-title = Notice of a change to the terminal's binding (变更通知)
notice-explain = For the institution: the change it approved and the binding's five elements as they are after it. posbind does not send it: send it through the institution's own channel, with its approval reference.
notice-change = Change
notice-move = Moved (移机) from { $from } to { $to }
notice-replacement = Replaced (换机): terminal { $old } by terminal { $new }
notice-approval = The institution's approval
notice-at = Recorded
notice-written = Notice for the institution (send it through its own channel): { $path }
