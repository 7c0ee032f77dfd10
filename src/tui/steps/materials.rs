//! Step 3 — Materials: merchant type, key data validated as it is entered, document files, and
//! a checklist that says exactly what is missing.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Position, Rect};

use super::form::{render_rows, Editor, Mark, Row};
use crate::i18n::{tr, tr_args, Lang};
use crate::onboarding::case::field_label;
use crate::onboarding::materials::{
    checklist, mask_beneficial_owners, AccountType, ChecklistItem, Field, MerchantType,
};
use crate::onboarding::validate::{mask_mobile, mask_number, Verdict};
use crate::tui::app::{App, Focus, Msg, Notice};
use crate::tui::files::FileTarget;
use crate::tui::keymap::Action;
use crate::tui::wrap::wrapped_lines;

/// A row of the Materials form.
#[derive(Debug, Clone, Copy)]
enum RowKind {
    Field(Field),
    Doc(&'static ChecklistItem),
}

/// State of the Materials form: the cursor and the open text field.
pub type MaterialsScreen = Editor;

fn rows_of(app: &App) -> Vec<RowKind> {
    let Some(case) = &app.case else { return vec![] };
    let m = &case.materials;
    let mut rows: Vec<RowKind> = Field::ALL
        .iter()
        .filter(|f| m.applies(**f, &case.merchant.name))
        .map(|f| RowKind::Field(*f))
        .collect();
    rows.extend(
        checklist(m, &case.merchant.name)
            .into_iter()
            .map(RowKind::Doc),
    );
    rows
}

/// Handles an action on the Materials screen.
pub fn on_action(app: &mut App, action: Action) {
    let rows = rows_of(app);
    let Some(case) = &app.case else { return };
    let cursor = app
        .materials_screen
        .cursor
        .min(rows.len().saturating_sub(1));
    let Some(row) = rows.get(cursor).copied() else {
        return;
    };
    if app.materials_screen.editing.is_some() {
        match action {
            Action::Select => commit(app, row),
            Action::Back => {
                app.materials_screen.editing = None;
                app.notice = None;
            }
            _ => {}
        }
        return;
    }
    let m = &case.materials;
    let asked = app.materials_screen.asked.take();
    match (action, row) {
        (Action::Up, _) => app.materials_screen.up(),
        (Action::Down, _) => app.materials_screen.down(rows.len()),
        (Action::Select, RowKind::Field(Field::MerchantType)) => {
            let next = match m.merchant_type {
                None | Some(MerchantType::Micro) => MerchantType::Company,
                Some(MerchantType::Company) => MerchantType::SoleProprietor,
                Some(MerchantType::SoleProprietor) => MerchantType::Micro,
            };
            app.apply(|c| c.set_merchant_type(next));
        }
        (Action::Select, RowKind::Field(Field::AccountType)) => {
            let next = match m.account_type {
                Some(AccountType::Company) => AccountType::Personal,
                _ => AccountType::Company,
            };
            app.apply(|c| c.set_account_type(next));
        }
        (Action::Select, RowKind::Field(Field::Agent)) => app.apply(|c| c.toggle_agent()),
        (Action::Select, RowKind::Field(Field::AccountClass)) => {
            app.apply(|c| c.toggle_account_class())
        }
        (Action::Select, RowKind::Field(Field::RelatedUnit)) => {
            app.apply(|c| c.toggle_related_unit())
        }
        (Action::Select, RowKind::Field(f)) => {
            let v = m.text(f).to_string();
            app.materials_screen.open(&v);
        }
        (Action::Select, RowKind::Doc(item)) => {
            let v = m
                .documents
                .get(&item.id)
                .map(|d| d.path.clone())
                .unwrap_or_default();
            app.materials_screen.open(&v);
        }
        (Action::ConfirmWarning, RowKind::Field(f)) => {
            let today = chrono::Local::now().date_naive();
            if m.check(f, &case.merchant.name, today).verdict == Some(Verdict::Warning) {
                app.apply(|c| c.confirm_material_warning(f));
            } else {
                app.notice = Some(Notice::Info(Msg::new("materials-no-warning")));
            }
        }
        (Action::ConfirmWarning, RowKind::Doc(_)) => {
            app.notice = Some(Notice::Info(Msg::new("materials-no-warning")))
        }
        // Removing a document asks first: Del again on the same row removes it.
        (Action::Remove, RowKind::Doc(item))
            if m.documents.contains_key(&item.id) && asked != Some(cursor) =>
        {
            app.materials_screen.asked = Some(cursor);
            app.notice = Some(Notice::Info(Msg {
                id: "materials-remove-ask",
                args: vec![("item", item.name.get(app.lang).to_string())],
            }));
        }
        (Action::Remove, RowKind::Doc(item)) if m.documents.contains_key(&item.id) => {
            app.apply(|c| c.remove_document(&item.id));
            app.notice = Some(Notice::Info(Msg::new("materials-removed")));
        }
        (Action::Remove, _) => app.notice = Some(Notice::Info(Msg::new("materials-remove-none"))),
        _ => {}
    }
}

fn commit(app: &mut App, row: RowKind) {
    let typed = app
        .materials_screen
        .editing
        .as_ref()
        .map(|t| t.value().to_string())
        .unwrap_or_default();
    match row {
        RowKind::Field(f) => {
            app.materials_screen.editing = None;
            app.notice = None;
            app.apply(|c| c.set_material_text(f, &typed));
        }
        // The file is read and hashed off the UI thread: the field closes at once (the next
        // keys go to the next row), and a refused path comes back into it.
        RowKind::Doc(item) => {
            app.materials_screen.editing = None;
            app.notice = None;
            let row = app.materials_screen.cursor;
            app.record_file(FileTarget::Document(item.id.clone()), &typed, row);
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
fn row(app: &App, case: &crate::onboarding::Case, k: &RowKind, today: chrono::NaiveDate) -> Row {
    let lang = app.lang;
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
pub fn render(app: &App, area: Rect, buf: &mut Buffer) -> Option<Position> {
    let lang = app.lang;
    let Some(case) = &app.case else { return None };
    let today = chrono::Local::now().date_naive();
    let kinds = rows_of(app);
    let rows: Vec<Row> = kinds.iter().map(|k| row(app, case, k, today)).collect();
    let [summary, list, detail] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(if area.height >= 30 { 5 } else { 3 }),
    ])
    .areas(area);
    let missing = case.material_needs(today).len();
    let head = if missing == 0 {
        ratatui::text::Line::styled(tr(lang, "materials-complete"), app.theme.ok())
    } else {
        ratatui::text::Line::styled(
            tr_args(
                lang,
                "materials-missing",
                &[("count", &missing.to_string())],
            ),
            app.theme.warn(),
        )
    };
    crate::tui::wrap::render_lines(vec![head], summary, buf);
    let focused = app.focus == Focus::Content;
    let label_w = if area.width >= 100 { 34 } else { 24 };
    let cursor = app
        .materials_screen
        .cursor
        .min(rows.len().saturating_sub(1));
    let ed = Editor {
        cursor,
        editing: app.materials_screen.editing.clone(),
        asked: None,
    };
    let pos = render_rows(app, list, buf, &rows, &ed, focused, label_w);
    let mut text = detail_text(app, kinds.get(cursor).copied(), lang, today);
    let lw = super::form::label_width(&rows, label_w, list.width);
    if let Some(full) = rows
        .get(cursor)
        .and_then(|r| super::form::full_text_if_cut(app.lang, r, lw, list.width))
    {
        text = [full, text].join(super::form::NEWLINE);
    }
    crate::tui::wrap::render_lines(
        wrapped_lines(&text, detail.width, app.theme.muted()),
        detail,
        buf,
    );
    pos
}

fn detail_text(app: &App, row: Option<RowKind>, lang: Lang, today: chrono::NaiveDate) -> String {
    let Some(case) = &app.case else {
        return String::new();
    };
    match row {
        Some(RowKind::Field(f)) => {
            let s = case.materials.check(f, &case.merchant.name, today);
            let mut parts: Vec<String> = s
                .reasons
                .iter()
                .map(|r| {
                    let args: Vec<(&str, &str)> =
                        r.args.iter().map(|(k, v)| (*k, v.as_str())).collect();
                    tr_args(lang, r.id, &args)
                })
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
