# posbind — English messages. Every id here must also exist in zh-CN/posbind.ftl.

app-name = posbind
header-demo = DEMO (simulated terminal)
header-lang = English (F2: 中文)
size-too-small = posbind needs a terminal of at least 80x24; this one is { $cols }x{ $rows }. Please enlarge the window.
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
key-plus = +/Up
key-minus = -/Down
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
act-focus-back = Switch focus back
act-lang = 中文
header-lang-ascii = English (F2: zh-CN)
act-lang-ascii = zh-CN
act-quit = Quit
act-force-quit = Quit at once (everything is saved)

## Help
help-title = Help: { $step }
help-keys = Keys
help-close = Press F1 or Esc to close help.

## Steps
step-case-title = Case
step-case-summary = Start a new merchant case or resume one
step-case-explain = Each merchant is a case. Everything you enter is saved at once, so you can stop at any time and continue later where you left off.
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
step-materials-explain = The merchant type decides which documents are needed. Key data is checked as you type; missing items are listed plainly.
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
step-test-explain = A timed loop of test transactions measures success rate and latency. Test payments are always reversed.
help-test = Connectivity tests need no card; payment tests need a test card and are reversed automatically. Every test payment is written to the pending-payments file before it is sent; one that could not be reversed (or whose outcome is unknown) is shown in red with its receipt and amount, reversed the next time posbind connects to this terminal, and listed by `posbind pending list`. One the terminal refuses to reverse must be refunded, then taken over with `posbind pending ack ID`. x stops after the payment in flight is reversed; Ctrl-C twice quits at once (the pending file keeps what may be left).

step-training-title = Training
step-training-summary = Learn the daily operations
step-training-explain = Sale, reversal, refund, end-of-day and reprint, plus what to do when something goes wrong.
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
store-error-damaged = The case file { $path } is damaged and was skipped ({ $error }).
store-error-version = The case file { $path } was written by another version of posbind (file version { $version }) and was skipped.
store-error-not-found = There is no case "{ $id }".
error-no-data-dir = Cannot find a data directory for this user; pass --data-dir DIR.
error-not-a-terminal = The wizard needs an interactive terminal; for scripts use the subcommands (see posbind --help).

## cases command
cases-none = No cases yet.
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
zvt-rc-b4 = already reversed (code B4)
zvt-rc-b5 = reversal not possible (code B5)
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
zvt-rc-b4-remedy = Nothing to do: this payment was reversed already.
zvt-rc-b5-remedy = Reverse it by refund, or ask the institution; write down the receipt number.
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
zvt-is-05 = sending auto-reversal
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
open-error-not-found = There is no device at { $port }. Check the cable and the port name ("posbind ports" lists the ports).
open-error-permission = No permission to open { $port }. On Linux, add your user to the dialout group (sudo usermod -aG dialout $USER) and log in again.
open-error-busy = { $port } is in use by another program. Close it and try again.
open-error-connect = Cannot connect to { $port }: { $error }
open-error-other = Cannot open { $port }: { $error }
error-bad-port = "{ $port }" is not a port: use a device path (/dev/ttyUSB0, COM3), tcp://HOST:PORT, or sim.
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
hint-m-legal-rep-name = As printed on the ID card.
hint-m-id-number = The 18-character ID number; it is shown masked.
hint-m-id-valid-until = The end date on the back of the ID card (YYYY-MM-DD), or 长期.
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
file-wrong-kind = { $path } is not an image (PNG, JPEG, WebP) or a PDF.
file-empty = { $path } is empty.

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
institution-detail = Licence: { $licence } | debit cap { $cap } yuan | settlement { $settlement } | support: { $support } | terminals: { $devices }
institution-fee = Fee: { $fee }, { $yuan } yuan
offer-warn-no-licence = No payment business licence number: a non-bank payment institution may only acquire with one. Do not sign.
offer-warn-bad-licence = The licence number { $licence } does not have the shape of a real one: check it on the central bank's list.
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
review-row-password = Activation password
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
check-password-format = The activation password has 6 digits.

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
missing-contract = consent to every fee and agree to the terms
missing-fee-consent = consent to every fee first
pos-devices-count = { $name } x { $count }
materials-doc-value = { $path } ({ $kind }, { $size } bytes)

## Test loop
error-bad-amount = "{ $amount }" is not an amount in yuan (e.g. 0.01).
error-bad-loop-settings = Count must be at least 1, the interval 0 to 3600 s, the timeout 1 to 255 s.
loop-ok = ok
loop-failed = failed
loop-no-receipt = the payment was booked but its receipt number could not be read
loop-reversal-failed = the test payment could not be reversed
loop-progress = round { $index }/{ $count }: { $status } ({ $ms } ms)
loop-unreversed = NOT REVERSED: test payment receipt { $receipt }, { $amount } yuan ({ $time }). posbind tries again when it next talks to this terminal; `posbind pending list` shows it (id { $id }).
loop-summary-pass = PASS: { $succeeded }/{ $count } succeeded; latency ms min { $min }, p50 { $p50 }, p95 { $p95 }, max { $max }.
loop-summary-fail = FAIL: { $succeeded }/{ $count } succeeded; latency ms min { $min }, p50 { $p50 }, p95 { $p95 }, max { $max }.

## Device half: binding, activation, test, training, go-live
key-p = p
key-x = x
act-pause = Pause or resume the test
act-abort = Stop the test (a payment is still reversed)
device-busy = The terminal is busy; wait until it finishes (x stops a test).
device-busy-quit = Stopping after the current transaction (a test payment is reversed first); posbind quits then. Press Ctrl-C again to quit at once.
device-quit-while-busy = posbind quit while the terminal was still working. If a test payment was running, check the terminal's last receipt and reverse it manually if it was not reversed.
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
binding-serial-taken = Serial number { $serial } is already bound to case { $case } ({ $merchant }). One terminal serves one merchant.
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
activation-wrong-device = WRONG DEVICE: the terminal reports serial number { $terminal }, the label says { $label }. Stop and check which terminal is connected.
activation-done = The terminal is activated and ready.
activation-connect-first = Connect to the terminal first (and check its serial number).
activation-not-connected = Not connected to a terminal.
activation-terminal-says = Terminal: { $text }
activation-retry-hint = Fix the cause and choose the action again: finished sub-steps are not repeated.
activation-port-hint = Type a serial device (/dev/ttyUSB0, COM3), tcp://HOST:PORT or sim. Found: { $ports }
missing-activation = activate the terminal
test-row-mode = Mode
test-row-count = Transactions
test-row-start = Start
test-mode-payment = payment (0.01 yuan, then reversal; needs a test card)
test-mode-connectivity = connectivity (Diagnosis; no card)
test-start-hint = Enter starts
test-running-hint = running: p pauses, x stops
test-stats = { $ok }/{ $done } ok | ms min { $min } | p50 { $p50 } | p95 { $p95 } | max { $max }
test-round-failed = Round { $index }: { $why }
test-result-pass = PASSED: { $ok }/{ $count } succeeded.
test-result-fail = FAILED: { $ok }/{ $count } succeeded.
test-hint = Every successful test payment is reversed at once, also when you stop the test.
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
report-unreversed = NOT REVERSED, receipt
report-maintenance = Maintenance
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
debug-panic = Deliberate panic (POSBIND_TEST_PANIC test switch).
test-result-stopped = STOPPED after { $count } transactions ({ $ok } succeeded); every test payment was reversed. Start again for a full run.
test-stopped = The test was stopped; successful test payments were reversed.

## ZVT conformance (issue 12)
client-error-limit = The terminal did not finish the command within the time allowed for it (--timeout, or 60 s while activating), although it kept the line busy.
client-error-aborted-no-code = The terminal aborted the command without a result code.{ $text }
progress-registering = Registering with the terminal on { $port }…
progress-terminal = Terminal: { $text }
run-step-started = { $step }…
run-failed-validation = The answers file has { $count } problems (listed above); nothing was written.
error-bad-currency = Unknown currency { $currency }: give the ISO 4217 number (156) or code (CNY, EUR).
serial-not-reported = This terminal does not report its serial number over ZVT: confirm it from the terminal's own screen or label.
serial-not-reported-run = This terminal does not report its serial number over ZVT. Check it on the terminal's own screen or label, then set device.serial_confirmed_by to who checked it (e.g. "installer").
serial-not-reported-confirmed = The terminal does not report its serial number; confirmed from its screen or label by { $who }.
serial-not-reported-wizard = This terminal does not report its serial number over ZVT. Check the serial number on the terminal's own screen (or its label) against { $label }, then press c to confirm.
serial-confirmed-by-terminal = reported by the terminal over ZVT
serial-confirmed-by-person = read from the terminal's screen or label by { $who } (the terminal does not report it)
report-serial-confirmed = Serial number confirmed
activation-serial-confirm-first = Confirm the serial number first (c), after checking it on the terminal's screen or label.
activation-serial-confirmed = Serial number confirmed by you from the terminal's screen or label; the case records that it was not reported by the terminal.

## Files a user is handed (issue 14)
store-error-link = { $path } is a symbolic link; posbind does not follow links in its data directory.
error-file-too-large = { $path } is larger than { $max } bytes; posbind does not read it.
sim-state-not-ours = { $path } is not a simulator state file; it was left as it is. Name a new file or an earlier simulator state file.
secrets-syntax = The secrets file { $path } is not valid TOML (line { $line }).
secrets-unknown-key = The secrets file { $path }: unknown key { $key } (line { $line }); the only key is password.
secrets-not-a-string = The secrets file { $path }: { $key } (line { $line }) must be text in quotes, e.g. password = "000000".
secrets-too-large = The secrets file { $path } is larger than { $max } bytes.
answers-too-many = more than { $max } entries
answers-test-count = between 1 and { $max } rounds
answers-unknown-document = not an item of any material checklist
store-error-shared-dir = { $path } is writable by every user, so it cannot be a data directory (others could plant files in it). Name a private directory with --data-dir.

## money safety (issue 11)
loop-outcome-unknown = OUTCOME UNKNOWN: a test payment of { $amount } yuan ({ $time }) was accepted by the terminal, but whether it was booked could not be found out. No further payment was started. posbind asks the terminal again when it next talks to it; check the terminal's journal, and `posbind pending list` (id { $id }).
loop-reversal-refused = REVERSAL REFUSED: test payment receipt { $receipt }, { $amount } yuan ({ $time }) is booked and the terminal refuses to reverse it (e.g. after End-of-Day). Refund it to the card, then `posbind pending ack { $id }`.
loop-outcome-unknown-short = the payment's outcome is unknown
loop-journal-failed = the payment was not sent: it could not be recorded first ({ $error })
loop-status-unreadable = the terminal's status information could not be read
loop-no-status = the terminal completed without status information
loop-not-booked = the payment was not booked after all (the terminal does not know its receipt)
pending-reversed = Reversed a test payment an earlier session left open: receipt { $receipt }, { $amount } yuan ({ $time }).
pending-not-booked = A test payment an earlier session left open was never booked: { $amount } yuan ({ $time }); removed from the list.
pending-refused = REVERSAL REFUSED: test payment receipt { $receipt }, { $amount } yuan ({ $time }) on terminal { $terminal } cannot be reversed. Refund it, then `posbind pending ack { $id }`.
pending-still-unknown = OUTCOME STILL UNKNOWN: test payment of { $amount } yuan ({ $time }) on terminal { $terminal }. Check the terminal's journal; `posbind pending ack { $id }` once settled.
pending-still-unreversed = STILL NOT REVERSED: test payment receipt { $receipt }, { $amount } yuan ({ $time }) on terminal { $terminal }; posbind tries again next time (id { $id }).
pending-store-error = The pending-payments file could not be written ({ $error }): a crash now could lose track of a test payment.
pending-none = No test payments are waiting for a reversal.
pending-line = { $id }  terminal { $terminal }  receipt { $receipt }  { $amount } yuan  { $time }  { $state }
pending-state-sent = sent, outcome not recorded
pending-state-committed = booked, not yet reversed
pending-state-unreversed = booked, reversal failed (tried again next session)
pending-state-unknown = outcome unknown
pending-state-refused = reversal refused: refund it, then ack
pending-acknowledged = Payment { $id } taken over; it is no longer listed.
pending-no-such = No open payment { $id } (see `posbind pending list`).
golive-pending = This terminal still has test payments that are not reversed ({ $count }). Go to Test (posbind reverses them when it connects), or refund and acknowledge them with `posbind pending ack`, before going live.

## domain truth (issue 18)
check-credit-code-old-registration-company = An enterprise's 15-digit registration number is no longer valid since 2018-01-01 (国办发〔2016〕53号): enter the 18-character unified social credit code from the current licence.
mcc-category-standard = standard (一般类)
mcc-category-discount = discounted (优惠类)
mcc-category-charity = non-profit (公益类)
offer-warn-below-cost = { $card ->
        [debit] Debit
       *[credit] Credit
    } rate { $rate } (cap { $cap }) is below what the acquirer passes on to issuer and network for a standard (一般类) MCC ({ $floor }, cap { $floor_cap } yuan): the offer only adds up for a discounted (优惠类) or non-profit (公益类) MCC — or by 跳码 (a wrong MCC). Ask which MCC it assumes.
offer-warn-below-cost-mcc = { $card ->
        [debit] Debit
       *[credit] Credit
    } rate { $rate } (cap { $cap }) is below what the acquirer passes on to issuer and network for MCC { $mcc }, a standard (一般类) category ({ $floor }, cap { $floor_cap } yuan): this usually means the terminal will be entered under a discounted (优惠类) MCC — 跳码. Ask which MCC it assumes.
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
app-fees-to-acknowledge = Fees the merchant acknowledges by submitting (many institutions also have the 受理协议 e-signed now, often with a face check): debit { $debit } (cap { $cap } yuan) · credit { $credit } · { $fees }.
app-fees-acknowledged = Fees acknowledged with this application: debit { $debit } (cap { $cap } yuan) · credit { $credit } · { $fees }. The contract step compares the signed agreement with them.
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
hint-m-beneficial-owners = Each natural person holding 25 % or more of the shares, votes or profits, or controlling the company: "name ID share; …", e.g. 张三 11010519491231002X 60%; 李四 440524188001010014 control.
check-owners-format = Beneficial owner { $entry }: write "name ID share" (share as 25%–100%, or control).
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

## wizard polish B (issue 15)
key-slash = /
act-filter = Search cases
case-filter-count = { $shown } of { $total }
case-filter-none = No case matches the search.
case-filter-hint = Type part of a merchant name, case id, serial number or MID. Enter: walk the matches; Esc: clear the search.
case-col-merchant = Merchant
case-col-step = Step
case-col-updated = Last change
case-col-id = Case id
case-search-hint = /: search cases (merchant, case id, serial number, MID).
report-simulated = DEMO — SIMULATED TERMINAL: not a real installation
report-not-tested = NOT TESTED
report-mode-connectivity = connectivity test
report-mode-payment = payment test
report-mcc = Merchant category (MCC)
report-rates-label = Rates
report-rates = debit { $debit }, credit { $credit }
report-fees = Fees consented
report-fee = { $fee }: { $yuan } yuan
report-no-fees = none
report-chart-caption = Latency of each transaction (ms); dashed lines: median (p50) and 95th percentile (p95).
report-sign-merchant = Merchant (signature)
report-sign-installer = Installer (signature)
report-sign-date = Date
