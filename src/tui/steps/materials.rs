//! Step 3 — Materials: merchant type, key data validated as it is entered, document files, and
//! a checklist that says exactly what is missing.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Position, Rect};

use super::form::{render_rows, Editor, Mark, Row};
use crate::i18n::{tr, tr_args, tr_owned, Lang};
use crate::onboarding::case::field_label;
use crate::onboarding::materials::{
    checklist_for, mask_beneficial_owners, AccountType, ChecklistItem, Field, MerchantType,
};
use crate::onboarding::validate::{mask_mobile, mask_number, Verdict};
use crate::tui::files::FileTarget;
use crate::tui::keymap::Action;
use crate::tui::notice::{Msg, Notice};
use crate::tui::screen::{Command, Cx, Screen, View};
use crate::tui::wrap::wrapped_lines;

/// A row of the Materials form.
#[derive(Debug, Clone, Copy)]
enum RowKind {
    Field(Field),
    Doc(&'static ChecklistItem),
}

/// State of the Materials form: the cursor and the open text field.
#[derive(Debug, Default)]
pub struct MaterialsScreen {
    /// The rows.
    pub ed: Editor,
}

fn rows_of(case: Option<&crate::onboarding::Case>) -> Vec<RowKind> {
    let Some(case) = case else { return vec![] };
    let m = &case.materials;
    let mut rows: Vec<RowKind> = Field::ALL
        .iter()
        .filter(|f| m.applies(**f, &case.merchant.name))
        .map(|f| RowKind::Field(*f))
        .collect();
    rows.extend(
        checklist_for(m, &case.merchant.name, case.application.mcc.as_deref())
            .into_iter()
            .map(RowKind::Doc),
    );
    rows
}

impl Screen for MaterialsScreen {
    super::form::form_keys!();

    fn on_action(&mut self, action: Action, cx: &mut Cx) {
        let rows = rows_of(cx.case());
        let Some(case) = cx.case() else { return };
        let cursor = self.ed.cursor.min(rows.len().saturating_sub(1));
        let Some(row) = rows.get(cursor).copied() else {
            return;
        };
        if self.ed.editing.is_some() {
            match action {
                Action::Select => self.commit(cx, row),
                Action::Back => {
                    self.ed.editing = None;
                    cx.clear_notice();
                }
                _ => {}
            }
            return;
        }
        match (action, row) {
            (Action::Up, _) => self.ed.up(),
            (Action::Down, _) => self.ed.down(rows.len()),
            (Action::Select, RowKind::Field(f)) => self.select_field(cx, &case.materials, f),
            (Action::Select, RowKind::Doc(item)) => {
                let v = case
                    .materials
                    .documents
                    .get(&item.id)
                    .map(|d| d.path.clone())
                    .unwrap_or_default();
                self.ed.open(&v);
            }
            (Action::ConfirmWarning, RowKind::Field(f)) => {
                let today = cx.view.now.with_timezone(&cx.view.tz).date_naive();
                let check = case.materials.check(f, &case.merchant.name, today);
                if check.verdict == Some(Verdict::Warning) {
                    cx.change(move |c| c.confirm_material_warning(f));
                } else {
                    cx.info("materials-no-warning");
                }
            }
            (Action::ConfirmWarning, RowKind::Doc(_)) => cx.info("materials-no-warning"),
            (Action::Remove, RowKind::Doc(item)) => self.remove_document(cx, case, item, cursor),
            (Action::Remove, _) => {
                self.ed.asked = None;
                cx.info("materials-remove-none");
            }
            _ => {}
        }
        if !matches!(action, Action::Remove) {
            self.ed.asked = None;
        }
    }

    /// A document file was refused: its path goes back into its field to be corrected, while
    /// the person is still on that row and typing nothing else.
    fn file_refused(&mut self, row: usize, typed: &str) {
        if self.ed.editing.is_none() && self.ed.cursor == row {
            self.ed.open(typed);
        }
    }

    fn render(&self, view: &View, area: Rect, buf: &mut Buffer) -> Option<Position> {
        render(self, view, area, buf)
    }
}

impl MaterialsScreen {
    /// Enter on a field: a choice moves to its next value; a text opens for editing.
    fn select_field(&mut self, cx: &mut Cx, m: &crate::onboarding::materials::Materials, f: Field) {
        match f {
            Field::MerchantType => {
                let next = match m.merchant_type {
                    None | Some(MerchantType::Micro) => MerchantType::Company,
                    Some(MerchantType::Company) => MerchantType::SoleProprietor,
                    Some(MerchantType::SoleProprietor) => MerchantType::Micro,
                };
                cx.change(move |c| c.set_merchant_type(next));
            }
            Field::AccountType => {
                let next = match m.account_type {
                    Some(AccountType::Company) => AccountType::Personal,
                    _ => AccountType::Company,
                };
                cx.change(move |c| c.set_account_type(next));
            }
            Field::IdKind => {
                let next = m.id_kind.next();
                cx.change(move |c| c.set_id_kind(next));
            }
            Field::Agent => cx.change(|c| c.toggle_agent()),
            Field::AccountClass => cx.change(|c| c.toggle_account_class()),
            Field::RelatedUnit => cx.change(|c| c.toggle_related_unit()),
            _ => self.ed.open(m.text(f)),
        }
    }

    /// Removing a document asks first: Del again on the same row removes it.
    fn remove_document(
        &mut self,
        cx: &mut Cx,
        case: &crate::onboarding::Case,
        item: &'static ChecklistItem,
        cursor: usize,
    ) {
        let asked = self.ed.asked.take();
        if !case.materials.documents.contains_key(&item.id) {
            cx.info("materials-remove-none");
        } else if asked != Some(cursor) {
            self.ed.asked = Some(cursor);
            cx.notice(Notice::Info(Msg {
                id: "materials-remove-ask",
                args: vec![("item", item.name.get(cx.view.lang).to_string())],
            }));
        } else {
            cx.change(move |c| c.remove_document(&item.id));
            cx.info("materials-removed");
        }
    }

    fn commit(&mut self, cx: &mut Cx, row: RowKind) {
        let typed = self.ed.take().unwrap_or_default();
        cx.clear_notice();
        match row {
            RowKind::Field(f) => cx.change(move |c| c.set_material_text(f, &typed)),
            // The file is read and hashed off the UI thread: the field closes at once (the
            // next keys go to the next row), and a refused path comes back into it.
            RowKind::Doc(item) => cx.send(Command::RecordFile {
                target: FileTarget::Document(item.id.clone()),
                typed,
                row: self.ed.cursor,
            }),
        }
    }
}

fn shown(f: Field, v: &str) -> String {
    match f {
        Field::IdNumber | Field::AccountNumber => mask_number(v),
        Field::Mobile => mask_mobile(v),
        Field::BeneficialOwners => mask_beneficial_owners(v),
        _ => v.to_string(),
    }
}

/// A field with its value (masked where personal) and verdict, or a document with its file.
fn row(view: &View, case: &crate::onboarding::Case, k: &RowKind, today: chrono::NaiveDate) -> Row {
    let lang = view.lang;
    let m = &case.materials;
    match k {
        RowKind::Field(f) => {
            let s = m.check(*f, &case.merchant.name, today);
            let value = match f {
                Field::MerchantType => m
                    .merchant_type
                    .map(|t| tr(lang, t.label_id()))
                    .unwrap_or_default(),
                Field::AccountType => match m.account_type {
                    Some(AccountType::Company) => tr(lang, "account-type-company"),
                    Some(AccountType::Personal) => tr(lang, "account-type-personal"),
                    None => String::new(),
                },
                Field::IdKind => tr(lang, m.id_kind.label_id()),
                Field::Agent => tr(lang, if m.agent { "yes" } else { "no" }),
                Field::RelatedUnit => tr(lang, if m.related_unit { "yes" } else { "no" }),
                Field::AccountClass => tr(
                    lang,
                    if m.class_ii {
                        "account-class-ii"
                    } else {
                        "account-class-i"
                    },
                ),
                // 长期 / long-term is a word, not a date: shown in the UI's language.
                Field::IdValidUntil
                    if crate::onboarding::validate::id_valid_until(m.text(*f), today)
                        .normalized
                        == "long-term" =>
                {
                    tr(lang, "id-long-term")
                }
                _ => shown(*f, m.text(*f)),
            };
            let mark = match (s.verdict, s.confirmed) {
                (None, _) => Mark::Todo,
                (Some(Verdict::Valid), _) | (Some(Verdict::Warning), true) => Mark::Ok,
                (Some(Verdict::Warning), false) => Mark::Warn,
                (Some(Verdict::Invalid), _) => Mark::Bad,
            };
            Row::new(field_label(*f).get(lang).to_string(), value, mark)
        }
        RowKind::Doc(item) => {
            let (value, mark) = match m.documents.get(&item.id) {
                Some(d) => {
                    let args = [
                        ("path", d.path.as_str()),
                        ("kind", d.kind.as_str()),
                        ("size", &d.size.to_string()),
                    ];
                    (tr_args(lang, "materials-doc-value", &args), Mark::Ok)
                }
                None if item.required => (String::new(), Mark::Todo),
                None => (tr(lang, "optional"), Mark::None),
            };
            Row::new(item.name.get(lang).to_string(), value, mark)
        }
    }
}

/// Draws the Materials screen.
fn render(screen: &MaterialsScreen, view: &View, area: Rect, buf: &mut Buffer) -> Option<Position> {
    let lang = view.lang;
    let case = view.case?;
    let today = view.now.with_timezone(&view.tz).date_naive();
    let kinds = rows_of(view.case);
    let rows: Vec<Row> = kinds.iter().map(|k| row(view, case, k, today)).collect();
    let [summary, list, detail] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(if area.height >= 30 { 5 } else { 3 }),
    ])
    .areas(area);
    let missing = case.material_needs(today).len();
    let head = if missing == 0 {
        ratatui::text::Line::styled(tr(lang, "materials-complete"), view.theme.ok())
    } else {
        ratatui::text::Line::styled(
            tr_args(
                lang,
                "materials-missing",
                &[("count", &missing.to_string())],
            ),
            view.theme.warn(),
        )
    };
    crate::tui::wrap::render_lines(vec![head], summary, buf);
    let label_w = if area.width >= 100 { 34 } else { 24 };
    let cursor = screen.ed.cursor.min(rows.len().saturating_sub(1));
    let ed = Editor {
        cursor,
        editing: screen.ed.editing.clone(),
        asked: None,
    };
    let pos = render_rows(view, list, buf, &rows, &ed, label_w);
    let mut text = detail_text(view, kinds.get(cursor).copied(), lang, today);
    let full = super::form::highlighted_full_text(view.lang, &rows, cursor, label_w, list.width);
    if let Some(full) = full {
        text = [full, text].join(super::form::NEWLINE);
    }
    crate::tui::wrap::render_lines(
        wrapped_lines(&text, detail.width, view.theme.muted()),
        detail,
        buf,
    );
    pos
}

fn detail_text(view: &View, row: Option<RowKind>, lang: Lang, today: chrono::NaiveDate) -> String {
    let Some(case) = view.case else {
        return String::new();
    };
    match row {
        Some(RowKind::Field(f)) => {
            let s = case.materials.check(f, &case.merchant.name, today);
            let mut parts: Vec<String> = s
                .reasons
                .iter()
                .map(|r| tr_owned(lang, r.id, &r.args))
                .collect();
            if s.verdict == Some(Verdict::Warning) && !s.confirmed {
                parts.push(tr(lang, "materials-confirm-hint"));
            }
            if parts.is_empty() {
                parts.push(tr(lang, &format!("hint-m-{}", f.id())));
            }
            parts.join(" ")
        }
        Some(RowKind::Doc(_)) => tr(lang, "materials-doc-hint"),
        None => String::new(),
    }
}
