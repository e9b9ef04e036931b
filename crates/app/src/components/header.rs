//! The top bar: logo and product name, the menu bar, and the language switch.

use formwork_core::diagram::arrange::Align;
use formwork_core::diagram::layout::Style;
use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::canvas::toolbar::align_label;
use super::icons::{Logo, Ui, UiIcon};
use super::menu::{Menu, MenuItem, MenuRequest, OpenFocus, button_id};
use crate::Dispatch;
use crate::catalog::docs_home;
use crate::dom;
use crate::files::FileCommand;
use crate::i18n::{Lang, fill};
use crate::run::{Phase, RunCommand};
use crate::state::{Action, BottomTab, Dialog, label_text};
use crate::view::{DocView, Shared};

#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    pub lang: Lang,
    pub dispatch: Dispatch,
    pub view: Shared<DocView>,
    /// How many resources are selected.
    pub selected: usize,
    /// Something (resources or a link) is selected.
    pub has_selection: bool,
    pub snap: bool,
    pub show_all: bool,
    pub on_copy: Callback<()>,
    pub on_cut: Callback<()>,
    pub on_paste: Callback<()>,
    pub on_select_all: Callback<()>,
    /// The code pane is where the user works: Select all, Copy and Cut act on its text.
    pub code_focus: bool,
    pub can_zoom_in: bool,
    pub can_zoom_out: bool,
    pub show_palette: bool,
    pub show_inspector: bool,
    pub show_bottom: bool,
    /// Carries out the File menu's commands.
    pub on_file: Callback<FileCommand>,
    /// The document's name and file buttons, drawn in the bar.
    #[prop_or_default]
    pub file_slot: Html,
    /// Where the live simulation is, and what the Simulate menu asks of it.
    pub run_phase: Phase,
    pub run_command: Callback<RunCommand>,
}

/// The Simulate menu: run or pause, step, reset, and the Simulation tab.
fn simulate_items(props: &HeaderProps) -> Vec<MenuItem> {
    let t = props.lang.strings().sim;
    let send = |c: RunCommand| {
        let command = props.run_command.clone();
        Callback::from(move |()| command.emit(c.clone()))
    };
    let playing = props.run_phase.is_playing();
    let live = !matches!(props.run_phase, Phase::Idle | Phase::Failed(_));
    let d = props.dispatch.clone();
    let show_tab = Callback::from(move |()| d.dispatch(Action::ShowTab(BottomTab::Simulation)));
    vec![
        if playing {
            MenuItem::action(t.pause_label, send(RunCommand::Pause)).shortcut("Space", "Space")
        } else {
            MenuItem::action(t.run_label, send(RunCommand::Run))
                .shortcut("Space", "Space")
                .disabled(props.view.scene.is_empty() || props.run_phase == Phase::Finished)
        },
        MenuItem::action(t.step_label, send(RunCommand::Step))
            .disabled(!live || props.run_phase == Phase::Finished),
        MenuItem::action(t.reset_label, send(RunCommand::Reset))
            .disabled(props.run_phase == Phase::Idle),
        MenuItem::action(props.lang.strings().tab_simulation, show_tab).group_start(),
    ]
}

const MENU_IDS: [&str; 5] = [
    "menu-file",
    "menu-edit",
    "menu-view",
    "menu-simulate",
    "menu-help",
];

#[component(Header)]
pub fn header(props: &HeaderProps) -> Html {
    let s = props.lang.strings();
    let open = use_state_eq(|| None::<(usize, OpenFocus)>);
    let nav_ref = use_node_ref();

    // A press anywhere outside the menu bar closes the open menu.
    {
        let open = open.clone();
        let nav_ref = nav_ref.clone();
        let is_open = open.is_some();
        use_effect_with(is_open, move |&is_open| {
            let listener = is_open.then(|| {
                EventListener::new(&gloo::utils::document(), "pointerdown", move |e| {
                    let inside = match (nav_ref.cast::<web_sys::Node>(), e.target()) {
                        (Some(nav), Some(t)) => nav.contains(t.dyn_ref::<web_sys::Node>()),
                        _ => false,
                    };
                    if !inside {
                        open.set(None);
                    }
                })
            });
            move || drop(listener)
        });
    }

    let d = props.dispatch.clone();
    let act = move |a: Action| {
        let d = d.clone();
        Callback::from(move |()| d.dispatch(a.clone()))
    };
    let file = |c: FileCommand| {
        let on = props.on_file.clone();
        Callback::from(move |()| on.emit(c))
    };

    let menus: [(&'static str, Vec<MenuItem>); 5] = [
        (
            s.menu_file,
            vec![
                MenuItem::action(s.file_new, file(FileCommand::New)),
                MenuItem::action(s.file_samples, file(FileCommand::Samples)),
                MenuItem::action(s.file_open, file(FileCommand::Open))
                    .shortcut("Ctrl+O", "Control+O")
                    .group_start(),
                MenuItem::action(s.file_paste_template, file(FileCommand::PasteTemplate)),
                MenuItem::action(s.file_recent, file(FileCommand::Recent)),
                MenuItem::action(s.file_save, file(FileCommand::Save))
                    .shortcut("Ctrl+S", "Control+S")
                    .group_start(),
                MenuItem::action(s.file_export_yaml, file(FileCommand::ExportYaml)),
                MenuItem::action(s.file_export_json, file(FileCommand::ExportJson)),
                MenuItem::action(s.file_export_svg, file(FileCommand::ExportSvg))
                    .disabled(props.view.scene.is_empty())
                    .group_start(),
                MenuItem::action(s.file_export_png, file(FileCommand::ExportPng))
                    .disabled(props.view.scene.is_empty()),
                MenuItem::action(s.file_share, file(FileCommand::Share)).group_start(),
                // Inspector forms: stack parameters
                MenuItem::action(
                    s.stack_params_open,
                    act(Action::OpenDialog(Dialog::StackParameters)),
                )
                .group_start(),
            ],
        ),
        (s.menu_edit, {
            let v = &props.view;
            let undo = match &v.undo {
                Some(l) => fill(s.edit_undo_named, &[label_text(s, l)]),
                None => s.edit_undo.to_string(),
            };
            let redo = match &v.redo {
                Some(l) => fill(s.edit_redo_named, &[label_text(s, l)]),
                None => s.edit_redo.to_string(),
            };
            let some = props.selected > 0 || props.code_focus;
            let mut items = vec![
                MenuItem::action_owned(undo, act(Action::Undo))
                    .shortcut("Ctrl+Z", "Control+Z")
                    .disabled(v.undo.is_none()),
                MenuItem::action_owned(redo, act(Action::Redo))
                    .shortcut("Ctrl+Shift+Z", "Control+Shift+Z")
                    .disabled(v.redo.is_none()),
                MenuItem::action(s.edit_cut, props.on_cut.clone())
                    .shortcut("Ctrl+X", "Control+X")
                    .disabled(!some)
                    .group_start(),
                MenuItem::action(s.edit_copy, props.on_copy.clone())
                    .shortcut("Ctrl+C", "Control+C")
                    .disabled(!some),
                MenuItem::action(s.edit_paste, props.on_paste.clone())
                    .shortcut("Ctrl+V", "Control+V"),
                MenuItem::action(s.edit_duplicate, act(Action::Duplicate))
                    .shortcut("Ctrl+D", "Control+D")
                    .disabled(props.selected == 0),
                MenuItem::action(s.edit_delete, act(Action::DeleteSelected))
                    .shortcut("Del", "Delete")
                    .disabled(!props.has_selection),
                MenuItem::action(s.edit_select_all, props.on_select_all.clone())
                    .shortcut("Ctrl+A", "Control+A")
                    .disabled(v.scene.is_empty() && !props.code_focus)
                    .group_start(),
                MenuItem::action(s.edit_deselect, act(Action::Select(Vec::new())))
                    .shortcut("Esc", "Escape")
                    .disabled(!props.has_selection),
            ];
            for (i, a) in Align::ALL.iter().enumerate() {
                let item = MenuItem::action(align_label(s, *a), act(Action::Align(*a)))
                    .disabled(props.selected < 2);
                items.push(if i == 0 { item.group_start() } else { item });
            }
            items
        }),
        (
            s.menu_view,
            vec![
                MenuItem::action(s.view_zoom_in, act(Action::ZoomIn))
                    .shortcut("Ctrl+=", "Control+=")
                    .disabled(!props.can_zoom_in),
                MenuItem::action(s.view_zoom_out, act(Action::ZoomOut))
                    .shortcut("Ctrl+−", "Control+-")
                    .disabled(!props.can_zoom_out),
                MenuItem::action(s.view_reset_zoom, act(Action::ResetZoom))
                    .shortcut("Ctrl+0", "Control+0"),
                MenuItem::action(s.view_fit, act(Action::FitToScreen))
                    .shortcut("Shift+1", "Shift+!"),
                MenuItem::action(
                    s.view_arrange,
                    act(Action::AutoArrange(Style::Architecture)),
                )
                .disabled(props.view.scene.is_empty())
                .group_start(),
                MenuItem::action(
                    s.view_arrange_deps,
                    act(Action::AutoArrange(Style::Dependencies)),
                )
                .disabled(props.view.scene.is_empty()),
                MenuItem::action(s.view_show_all, act(Action::ToggleShowAll))
                    .checked(props.show_all)
                    .disabled(props.view.scene.is_empty()),
                MenuItem::action(s.view_snap, act(Action::ToggleSnap)).checked(props.snap),
                MenuItem::action(
                    if props.show_palette {
                        s.view_hide_palette
                    } else {
                        s.view_show_palette
                    },
                    act(Action::TogglePalette),
                )
                .group_start(),
                MenuItem::action(
                    if props.show_inspector {
                        s.view_hide_inspector
                    } else {
                        s.view_show_inspector
                    },
                    act(Action::ToggleInspector),
                ),
                MenuItem::action(
                    if props.show_bottom {
                        s.view_hide_bottom
                    } else {
                        s.view_show_bottom
                    },
                    act(Action::ToggleBottom),
                ),
            ],
        ),
        (s.menu_simulate, simulate_items(props)),
        (
            s.menu_help,
            vec![
                MenuItem::action(s.help_shortcuts, act(Action::OpenDialog(Dialog::Shortcuts))),
                MenuItem::link(s.help_docs, docs_home(props.lang == Lang::Ko)),
                MenuItem::action(s.help_about, act(Action::OpenDialog(Dialog::About)))
                    .group_start(),
            ],
        ),
    ];

    let on_lang = {
        let d = props.dispatch.clone();
        Callback::from(move |e: Event| {
            if let Some(select) = e.target_dyn_into::<web_sys::HtmlSelectElement>() {
                d.dispatch(Action::SetLang(Lang::from_tag(&select.value())));
            }
        })
    };

    let menus = menus.into_iter().enumerate().map(|(i, (label, items))| {
        let open_here = open.and_then(|(j, f)| (j == i).then_some(f));
        let on_request = {
            let open = open.clone();
            Callback::from(move |r: MenuRequest| match r {
                MenuRequest::Open(f) => open.set(Some((i, f))),
                MenuRequest::Toggle => {
                    if matches!(*open, Some((j, _)) if j == i) {
                        open.set(None)
                    } else {
                        open.set(Some((i, OpenFocus::Menu)))
                    }
                }
                MenuRequest::Close { restore_focus } => {
                    open.set(None);
                    if restore_focus {
                        dom::focus(
                            gloo::utils::document().get_element_by_id(&button_id(MENU_IDS[i])),
                        );
                    }
                }
                MenuRequest::Neighbour(step) => {
                    let n = MENU_IDS.len() as i32;
                    let j = (i as i32 + step).rem_euclid(n) as usize;
                    if open.is_some() {
                        open.set(Some((j, OpenFocus::First)));
                    } else {
                        dom::focus(
                            gloo::utils::document().get_element_by_id(&button_id(MENU_IDS[j])),
                        );
                    }
                }
                MenuRequest::Hover => {
                    if matches!(*open, Some((j, _)) if j != i) {
                        open.set(Some((i, OpenFocus::Menu)));
                        dom::focus(
                            gloo::utils::document().get_element_by_id(&button_id(MENU_IDS[i])),
                        );
                    }
                }
            })
        };
        html! {
            <Menu key={MENU_IDS[i]} id={MENU_IDS[i]} label={label} items={items}
                open={open_here} on_request={on_request}/>
        }
    });

    html! {
        <header class="topbar">
            <div class="brand">
                <Logo size={22}/>
                <span class="brand-name">{ "Formwork" }</span>
                <span class="brand-tagline">{ s.product_tagline }</span>
            </div>
            <nav class="menubar" aria-label={s.main_menu} ref={nav_ref}>
                { for menus }
            </nav>
            { props.file_slot.clone() }
            <div class="topbar-end">
                <label class="lang-switch">
                    <UiIcon icon={Ui::Globe} size={14}/>
                    <select aria-label={s.language} onchange={on_lang}>
                        { for Lang::ALL.iter().map(|&l| html! {
                            <option value={l.code()} selected={l == props.lang} lang={l.code()}>
                                { l.strings().language_name }
                            </option>
                        }) }
                    </select>
                </label>
            </div>
        </header>
    }
}
