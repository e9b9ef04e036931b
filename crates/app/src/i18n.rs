//! Every string the interface shows, one table per language.
//!
//! [`Strings`] is a struct of `&'static str` fields and each language is one `const`
//! of it, so the compiler refuses a table with a missing string. Text with a value in
//! it uses a `{}` placeholder filled by [`fill`].

/// A language the interface speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    En,
    Ko,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ko];

    /// The BCP 47 tag, used for `<html lang>` and storage.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ko => "ko",
        }
    }

    /// Reads a stored or browser language tag: `ko`, `ko-KR` ... are Korean, the rest English.
    pub fn from_tag(tag: &str) -> Lang {
        let primary = tag.split(['-', '_']).next().unwrap_or("");
        if primary.eq_ignore_ascii_case("ko") {
            Lang::Ko
        } else {
            Lang::En
        }
    }

    pub fn strings(self) -> &'static Strings {
        match self {
            Lang::En => &EN,
            Lang::Ko => &KO,
        }
    }
}

/// Where the chosen language is remembered.
pub const STORAGE_KEY: &str = "formwork.lang";

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The language to start in: the remembered choice, else the browser's language.
pub fn initial_lang() -> Lang {
    if let Some(stored) = local_storage().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten()) {
        return Lang::from_tag(&stored);
    }
    let browser = web_sys::window()
        .and_then(|w| w.navigator().language())
        .unwrap_or_default();
    Lang::from_tag(&browser)
}

/// Remembers the choice and tells the document which language it is in.
pub fn apply_lang(lang: Lang) {
    if let Some(storage) = local_storage() {
        // Storage can be full or disabled (private mode); the choice then lasts for the visit.
        let _ = storage.set_item(STORAGE_KEY, lang.code());
    }
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        if let Some(root) = doc.document_element() {
            let _ = root.set_attribute("lang", lang.code());
        }
        doc.set_title(lang.strings().document_title);
    }
}

/// Replaces each `{}` in `template` with the next value, in order.
pub fn fill(template: &str, values: &[&str]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut values = values.iter();
    let mut rest = template;
    while let Some(i) = rest.find("{}") {
        out.push_str(&rest[..i]);
        out.push_str(values.next().copied().unwrap_or(""));
        rest = &rest[i + 2..];
    }
    out.push_str(rest);
    out
}

/// The interface text of one language.
#[derive(Debug, PartialEq, Eq)]
pub struct Strings {
    pub language_name: &'static str,
    pub document_title: &'static str,
    pub product_tagline: &'static str,

    // Header and menus
    pub main_menu: &'static str,
    pub menu_file: &'static str,
    pub menu_edit: &'static str,
    pub menu_view: &'static str,
    pub menu_simulate: &'static str,
    pub menu_help: &'static str,
    pub file_new: &'static str,
    pub file_open: &'static str,
    pub open_failed: &'static str,
    pub dismiss: &'static str,
    pub file_download_yaml: &'static str,
    pub edit_delete: &'static str,
    pub edit_deselect: &'static str,
    pub view_zoom_in: &'static str,
    pub view_zoom_out: &'static str,
    pub view_reset_zoom: &'static str,
    pub view_fit: &'static str,
    pub view_show_palette: &'static str,
    pub view_hide_palette: &'static str,
    pub view_show_inspector: &'static str,
    pub view_hide_inspector: &'static str,
    pub view_show_bottom: &'static str,
    pub view_hide_bottom: &'static str,
    pub simulate_unavailable: &'static str,
    pub help_shortcuts: &'static str,
    pub help_about: &'static str,
    pub help_docs: &'static str,
    pub language: &'static str,

    // Palette
    pub palette: &'static str,
    pub palette_title: &'static str,
    pub palette_search: &'static str,
    pub palette_no_match: &'static str,
    pub palette_hint: &'static str,
    pub palette_group_count: &'static str,
    pub palette_clear_search: &'static str,

    // Service categories
    pub cat_compute: &'static str,
    pub cat_containers: &'static str,
    pub cat_storage: &'static str,
    pub cat_database: &'static str,
    pub cat_networking: &'static str,
    pub cat_security: &'static str,
    pub cat_management: &'static str,
    pub cat_integration: &'static str,
    pub cat_analytics: &'static str,
    pub cat_other: &'static str,

    // Canvas
    pub canvas: &'static str,
    pub canvas_empty_title: &'static str,
    pub canvas_empty_drag: &'static str,
    pub canvas_empty_keyboard: &'static str,
    pub canvas_empty_open: &'static str,
    pub canvas_empty_navigate: &'static str,
    pub zoom_controls: &'static str,
    pub zoom_level: &'static str,

    // Inspector
    pub inspector: &'static str,
    pub inspector_title: &'static str,
    pub inspector_empty: &'static str,
    pub summary_title: &'static str,
    pub summary_format_version: &'static str,
    pub summary_resources: &'static str,
    pub summary_services: &'static str,
    pub summary_no_resources: &'static str,
    pub field_logical_id: &'static str,
    pub field_type: &'static str,
    pub field_category: &'static str,
    pub logical_id_rule: &'static str,
    pub logical_id_empty: &'static str,
    pub logical_id_invalid: &'static str,
    pub logical_id_taken: &'static str,
    pub rename: &'static str,
    pub open_reference: &'static str,
    pub delete_resource: &'static str,

    // Bottom panel
    pub bottom_panel: &'static str,
    pub bottom_tabs: &'static str,
    pub resize_bottom: &'static str,
    pub tab_template: &'static str,
    pub tab_problems: &'static str,
    pub tab_simulation: &'static str,
    pub template_yaml: &'static str,
    pub copy: &'static str,
    pub copied: &'static str,
    pub copy_failed: &'static str,
    pub download: &'static str,
    pub simulation_unavailable: &'static str,
    pub hide_bottom: &'static str,

    // Status bar
    pub status_bar: &'static str,
    pub status_resources_one: &'static str,
    pub status_resources_many: &'static str,
    pub status_zoom: &'static str,
    pub status_selected: &'static str,

    // Dialogs
    pub close: &'static str,
    pub shortcuts_title: &'static str,
    pub shortcuts_canvas: &'static str,
    pub shortcuts_menus: &'static str,
    pub sc_pan: &'static str,
    pub sc_pan_keys: &'static str,
    pub sc_wheel: &'static str,
    pub sc_wheel_keys: &'static str,
    pub sc_move_resource: &'static str,
    pub sc_move_resource_keys: &'static str,
    pub sc_deselect: &'static str,
    pub sc_open_menu: &'static str,
    pub sc_move_menu: &'static str,
    pub sc_close_menu: &'static str,
    pub about_title: &'static str,
    pub about_body: &'static str,
    pub about_privacy: &'static str,
    pub about_version: &'static str,
    pub about_license: &'static str,

    // Designer
    pub act_add: &'static str,
    pub act_move: &'static str,
    pub act_resize: &'static str,
    pub act_align: &'static str,
    pub act_arrange: &'static str,
    pub act_connect: &'static str,
    pub act_depend: &'static str,
    pub act_disconnect: &'static str,
    pub act_delete: &'static str,
    pub act_cut: &'static str,
    pub act_duplicate: &'static str,
    pub act_paste: &'static str,
    pub act_rename: &'static str,
    pub act_edit: &'static str,
    pub command_failed: &'static str,
    pub edit_undo: &'static str,
    pub edit_redo: &'static str,
    pub edit_undo_named: &'static str,
    pub edit_redo_named: &'static str,
    pub edit_cut: &'static str,
    pub edit_copy: &'static str,
    pub edit_paste: &'static str,
    pub edit_duplicate: &'static str,
    pub edit_select_all: &'static str,
    pub edit_align: &'static str,
    pub align_left: &'static str,
    pub align_center: &'static str,
    pub align_right: &'static str,
    pub align_top: &'static str,
    pub align_middle: &'static str,
    pub align_bottom: &'static str,
    pub view_arrange: &'static str,
    pub view_snap: &'static str,
    pub cat_load_balancing: &'static str,
    pub cat_content_delivery: &'static str,
    pub palette_common: &'static str,
    pub palette_all_services: &'static str,
    pub palette_loading: &'static str,
    pub palette_more: &'static str,
    pub canvas_toolbar: &'static str,
    pub canvas_help: &'static str,
    pub canvas_selected: &'static str,
    pub canvas_link_selected: &'static str,
    pub node_role: &'static str,
    pub container_role: &'static str,
    pub node_findings: &'static str,
    pub port_connect: &'static str,
    pub port_depend: &'static str,
    pub edge_reference: &'static str,
    pub edge_depends: &'static str,
    pub edge_glue: &'static str,
    pub ctx_menu: &'static str,
    pub ctx_properties: &'static str,
    pub ctx_documentation: &'static str,
    pub ctx_delete_link: &'static str,
    pub field_inside: &'static str,
    pub logical_id_too_long: &'static str,
    pub inspector_multi: &'static str,
    pub inspector_findings: &'static str,
    pub inspector_no_findings: &'static str,
    pub inspector_relations: &'static str,
    pub inspector_declaration: &'static str,
    pub link_kind_reference: &'static str,
    pub link_kind_depends: &'static str,
    pub link_kind_glue: &'static str,
    pub link_from: &'static str,
    pub link_to: &'static str,
    pub link_property: &'static str,
    pub link_resource: &'static str,
    pub summary_links: &'static str,
    pub summary_problems: &'static str,
    pub problems_none: &'static str,
    pub problems_line: &'static str,
    pub status_many_selected: &'static str,
    pub shortcuts_view: &'static str,
    pub sc_select: &'static str,
    pub sc_select_keys: &'static str,
    pub sc_marquee: &'static str,
    pub sc_marquee_keys: &'static str,
    pub sc_connect: &'static str,
    pub sc_connect_keys: &'static str,

    // Crash banner (drawn without Yew after a panic)
    pub crash_title: &'static str,
    pub crash_body: &'static str,
    pub crash_copy: &'static str,
    pub crash_copied: &'static str,
    pub crash_copy_failed: &'static str,
    pub crash_reload: &'static str,
    pub crash_location: &'static str,
}

pub const EN: Strings = Strings {
    language_name: "English",
    document_title: "Formwork — CloudFormation designer",
    product_tagline: "CloudFormation designer",

    main_menu: "Main menu",
    menu_file: "File",
    menu_edit: "Edit",
    menu_view: "View",
    menu_simulate: "Simulate",
    menu_help: "Help",
    file_new: "New template",
    file_open: "Open template…",
    open_failed: "Could not open {}: {}",
    dismiss: "Dismiss",
    file_download_yaml: "Download as YAML",
    edit_delete: "Delete",
    edit_deselect: "Clear selection",
    view_zoom_in: "Zoom in",
    view_zoom_out: "Zoom out",
    view_reset_zoom: "Reset zoom",
    view_fit: "Fit to screen",
    view_show_palette: "Show palette",
    view_hide_palette: "Hide palette",
    view_show_inspector: "Show inspector",
    view_hide_inspector: "Hide inspector",
    view_show_bottom: "Show bottom panel",
    view_hide_bottom: "Hide bottom panel",
    simulate_unavailable: "Simulation is not available yet",
    help_shortcuts: "Keyboard shortcuts",
    help_about: "About Formwork",
    help_docs: "CloudFormation documentation",
    language: "Language",

    palette: "Resource palette",
    palette_title: "Resources",
    palette_search: "Search resource types",
    palette_no_match: "No resource type matches “{}”.",
    palette_hint: "Drag a type onto the canvas (into a VPC or subnet to nest it), or press Enter on it to place it in the view.",
    palette_group_count: "{} types",
    palette_clear_search: "Clear search",

    cat_compute: "Compute",
    cat_containers: "Containers",
    cat_storage: "Storage",
    cat_database: "Database",
    cat_networking: "Networking",
    cat_security: "Security & identity",
    cat_management: "Management & governance",
    cat_integration: "App integration",
    cat_analytics: "Analytics",
    cat_other: "Other",

    canvas: "Canvas",
    canvas_empty_title: "Start designing your stack",
    canvas_empty_drag: "Drag a resource from the palette on the left and drop it here.",
    canvas_empty_keyboard: "Or click a type in the palette (or press Enter on it) to place it in the view. Drop resources into a VPC or subnet to nest them; drag from a port to connect.",
    canvas_empty_open: "To start from an existing template, choose File → Open template…",
    canvas_empty_navigate: "Drag the background to pan (or hold Space); use the wheel to zoom; Shift + drag selects an area.",
    zoom_controls: "Zoom",
    zoom_level: "Zoom level",

    inspector: "Inspector",
    inspector_title: "Properties",
    inspector_empty: "Select a resource or a link on the canvas to see and edit its details.",
    summary_title: "Template summary",
    summary_format_version: "Format version",
    summary_resources: "Resources",
    summary_services: "Services",
    summary_no_resources: "No resources yet.",
    field_logical_id: "Logical ID",
    field_type: "Type",
    field_category: "Category",
    logical_id_rule: "Letters and digits only; unique in the template. References follow a rename.",
    logical_id_empty: "Enter a logical ID.",
    logical_id_invalid: "Use only the letters A–Z, a–z and the digits 0–9.",
    logical_id_taken: "This name is already used in the template.",
    rename: "Rename",
    open_reference: "Reference documentation",
    delete_resource: "Delete resource",

    bottom_panel: "Bottom panel",
    bottom_tabs: "Output",
    resize_bottom: "Resize bottom panel",
    tab_template: "Template",
    tab_problems: "Problems",
    tab_simulation: "Simulation",
    template_yaml: "Template YAML",
    copy: "Copy",
    copied: "Copied",
    copy_failed: "Copy failed",
    download: "Download",
    simulation_unavailable: "Simulation is not available yet.",
    hide_bottom: "Hide bottom panel",

    status_bar: "Status",
    status_resources_one: "1 resource",
    status_resources_many: "{} resources",
    status_zoom: "Zoom {}",
    status_selected: "Selected: {}",

    close: "Close",
    shortcuts_title: "Keyboard shortcuts",
    shortcuts_canvas: "Canvas",
    shortcuts_menus: "Menus and dialogs",
    sc_pan: "Pan the canvas",
    sc_pan_keys: "Drag the background, or Space + drag",
    sc_wheel: "Zoom around the pointer",
    sc_wheel_keys: "Mouse wheel",
    sc_move_resource: "Move the selection",
    sc_move_resource_keys: "Drag; arrow keys (Shift: 10×)",
    sc_deselect: "Clear the selection",
    sc_open_menu: "Open a menu",
    sc_move_menu: "Move between items",
    sc_close_menu: "Close a menu or dialog",
    about_title: "About Formwork",
    about_body: "Formwork is a visual designer for AWS CloudFormation templates. It runs entirely in your browser.",
    about_privacy: "Nothing you design is sent anywhere: templates stay on this device.",
    about_version: "Version {}",
    about_license: "Licensed under Apache-2.0.",

    act_add: "Add",
    act_move: "Move",
    act_resize: "Resize",
    act_align: "Align",
    act_arrange: "Auto-arrange",
    act_connect: "Connect",
    act_depend: "Add dependency",
    act_disconnect: "Remove link",
    act_delete: "Delete",
    act_cut: "Cut",
    act_duplicate: "Duplicate",
    act_paste: "Paste",
    act_rename: "Rename",
    act_edit: "Edit",
    command_failed: "{} failed: {}",
    edit_undo: "Undo",
    edit_redo: "Redo",
    edit_undo_named: "Undo {}",
    edit_redo_named: "Redo {}",
    edit_cut: "Cut",
    edit_copy: "Copy",
    edit_paste: "Paste",
    edit_duplicate: "Duplicate",
    edit_select_all: "Select all",
    edit_align: "Align",
    align_left: "Align left",
    align_center: "Align centres",
    align_right: "Align right",
    align_top: "Align top",
    align_middle: "Align middles",
    align_bottom: "Align bottom",
    view_arrange: "Auto-arrange",
    view_snap: "Snap to grid",
    cat_load_balancing: "Load balancing",
    cat_content_delivery: "Content delivery",
    palette_common: "Common resources",
    palette_all_services: "All services",
    palette_loading: "Loading every resource type…",
    palette_more: "{} more types match; refine the search to see them.",
    canvas_toolbar: "Canvas tools",
    canvas_help: "Drag a box to move it, drag its right port to connect it, drag its bottom port to add a dependency. Shift + drag on the background selects an area.",
    canvas_selected: "{} selected",
    canvas_link_selected: "Link selected — press Delete to remove it",
    node_role: "resource",
    container_role: "container",
    node_findings: "{} errors, {} warnings",
    port_connect: "Drag to another resource to connect",
    port_depend: "Drag to another resource to add DependsOn",
    edge_reference: "{} refers to {} ({})",
    edge_depends: "{} depends on {}",
    edge_glue: "{} joined to {} by {}",
    ctx_menu: "Context menu",
    ctx_properties: "Properties",
    ctx_documentation: "Documentation",
    ctx_delete_link: "Delete link",
    field_inside: "Inside",
    logical_id_too_long: "A logical ID has at most 255 characters.",
    inspector_multi: "{} resources selected",
    inspector_findings: "Problems",
    inspector_no_findings: "No problems found.",
    inspector_relations: "Relationships",
    inspector_declaration: "Declaration",
    link_kind_reference: "Reference",
    link_kind_depends: "Dependency",
    link_kind_glue: "Joining resource",
    link_from: "From",
    link_to: "To",
    link_property: "Property",
    link_resource: "Resource",
    summary_links: "Links",
    summary_problems: "Errors · warnings",
    problems_none: "No problems found in the template.",
    problems_line: "line {}",
    status_many_selected: "{} resources",
    shortcuts_view: "View",
    sc_select: "Select; add or remove",
    sc_select_keys: "Click; Shift + click",
    sc_marquee: "Select an area",
    sc_marquee_keys: "Shift + drag the background",
    sc_connect: "Connect two resources",
    sc_connect_keys: "Drag from a port to a resource",

    crash_title: "Formwork stopped because of an internal error",
    crash_body: "Copy the report to share it with the developers, then reload the page. Changes you have not downloaded are lost.",
    crash_copy: "Copy report",
    crash_copied: "Report copied",
    crash_copy_failed: "Could not copy; select the text above instead",
    crash_reload: "Reload",
    crash_location: "at {}",
};

pub const KO: Strings = Strings {
    language_name: "한국어",
    document_title: "Formwork — CloudFormation 디자이너",
    product_tagline: "CloudFormation 디자이너",

    main_menu: "주 메뉴",
    menu_file: "파일",
    menu_edit: "편집",
    menu_view: "보기",
    menu_simulate: "시뮬레이트",
    menu_help: "도움말",
    file_new: "새 템플릿",
    file_open: "템플릿 열기…",
    open_failed: "{}을(를) 열 수 없습니다: {}",
    dismiss: "닫기",
    file_download_yaml: "YAML로 다운로드",
    edit_delete: "삭제",
    edit_deselect: "선택 해제",
    view_zoom_in: "확대",
    view_zoom_out: "축소",
    view_reset_zoom: "배율 초기화",
    view_fit: "화면에 맞추기",
    view_show_palette: "팔레트 표시",
    view_hide_palette: "팔레트 숨기기",
    view_show_inspector: "속성 패널 표시",
    view_hide_inspector: "속성 패널 숨기기",
    view_show_bottom: "하단 패널 표시",
    view_hide_bottom: "하단 패널 숨기기",
    simulate_unavailable: "시뮬레이션은 아직 지원되지 않습니다",
    help_shortcuts: "키보드 단축키",
    help_about: "Formwork 정보",
    help_docs: "CloudFormation 문서",
    language: "언어",

    palette: "리소스 팔레트",
    palette_title: "리소스",
    palette_search: "리소스 유형 검색",
    palette_no_match: "“{}”와(과) 일치하는 리소스 유형이 없습니다.",
    palette_hint: "유형을 캔버스로 끌어다 놓거나(VPC나 서브넷 안에 놓으면 중첩됩니다) Enter 키를 누르면 화면에 배치됩니다.",
    palette_group_count: "{}개 유형",
    palette_clear_search: "검색어 지우기",

    cat_compute: "컴퓨팅",
    cat_containers: "컨테이너",
    cat_storage: "스토리지",
    cat_database: "데이터베이스",
    cat_networking: "네트워킹",
    cat_security: "보안 및 자격 증명",
    cat_management: "관리 및 거버넌스",
    cat_integration: "애플리케이션 통합",
    cat_analytics: "분석",
    cat_other: "기타",

    canvas: "캔버스",
    canvas_empty_title: "스택 설계를 시작하세요",
    canvas_empty_drag: "왼쪽 팔레트에서 리소스를 끌어 여기에 놓으세요.",
    canvas_empty_keyboard: "또는 팔레트에서 유형을 클릭하거나 Enter 키를 누르면 화면에 배치됩니다. VPC나 서브넷 안에 놓으면 중첩되고, 포트에서 끌면 연결됩니다.",
    canvas_empty_open: "기존 템플릿에서 시작하려면 파일 → 템플릿 열기…를 선택하세요.",
    canvas_empty_navigate: "배경을 드래그하면(또는 Space를 누른 채) 이동하고, 휠로 확대/축소하며, Shift + 드래그로 영역을 선택합니다.",
    zoom_controls: "확대/축소",
    zoom_level: "배율",

    inspector: "속성",
    inspector_title: "속성",
    inspector_empty: "캔버스에서 리소스나 연결을 선택하면 세부 정보를 보고 편집할 수 있습니다.",
    summary_title: "템플릿 요약",
    summary_format_version: "형식 버전",
    summary_resources: "리소스",
    summary_services: "서비스",
    summary_no_resources: "아직 리소스가 없습니다.",
    field_logical_id: "논리적 ID",
    field_type: "유형",
    field_category: "범주",
    logical_id_rule: "영문자와 숫자만 사용하며 템플릿 안에서 고유해야 합니다. 이름을 바꾸면 참조도 함께 바뀝니다.",
    logical_id_empty: "논리적 ID를 입력하세요.",
    logical_id_invalid: "영문자(A–Z, a–z)와 숫자(0–9)만 사용할 수 있습니다.",
    logical_id_taken: "템플릿에서 이미 사용 중인 이름입니다.",
    rename: "이름 변경",
    open_reference: "참조 문서",
    delete_resource: "리소스 삭제",

    bottom_panel: "하단 패널",
    bottom_tabs: "출력",
    resize_bottom: "하단 패널 크기 조정",
    tab_template: "템플릿",
    tab_problems: "문제",
    tab_simulation: "시뮬레이션",
    template_yaml: "템플릿 YAML",
    copy: "복사",
    copied: "복사됨",
    copy_failed: "복사 실패",
    download: "다운로드",
    simulation_unavailable: "시뮬레이션은 아직 지원되지 않습니다.",
    hide_bottom: "하단 패널 숨기기",

    status_bar: "상태",
    status_resources_one: "리소스 1개",
    status_resources_many: "리소스 {}개",
    status_zoom: "배율 {}",
    status_selected: "선택됨: {}",

    close: "닫기",
    shortcuts_title: "키보드 단축키",
    shortcuts_canvas: "캔버스",
    shortcuts_menus: "메뉴 및 대화 상자",
    sc_pan: "캔버스 이동",
    sc_pan_keys: "배경 드래그 또는 Space + 드래그",
    sc_wheel: "포인터 위치를 기준으로 확대/축소",
    sc_wheel_keys: "마우스 휠",
    sc_move_resource: "선택 항목 이동",
    sc_move_resource_keys: "드래그, 화살표 키(Shift: 10배)",
    sc_deselect: "선택 해제",
    sc_open_menu: "메뉴 열기",
    sc_move_menu: "항목 간 이동",
    sc_close_menu: "메뉴 또는 대화 상자 닫기",
    about_title: "Formwork 정보",
    about_body: "Formwork는 AWS CloudFormation 템플릿을 위한 시각적 디자이너입니다. 모든 작업이 브라우저 안에서 실행됩니다.",
    about_privacy: "설계한 내용은 어디에도 전송되지 않으며, 템플릿은 이 기기에만 남습니다.",
    about_version: "버전 {}",
    about_license: "Apache-2.0 라이선스로 배포됩니다.",

    act_add: "추가",
    act_move: "이동",
    act_resize: "크기 조정",
    act_align: "정렬",
    act_arrange: "자동 배치",
    act_connect: "연결",
    act_depend: "종속성 추가",
    act_disconnect: "연결 제거",
    act_delete: "삭제",
    act_cut: "잘라내기",
    act_duplicate: "복제",
    act_paste: "붙여넣기",
    act_rename: "이름 변경",
    act_edit: "편집",
    command_failed: "{} 실패: {}",
    edit_undo: "실행 취소",
    edit_redo: "다시 실행",
    edit_undo_named: "{} 실행 취소",
    edit_redo_named: "{} 다시 실행",
    edit_cut: "잘라내기",
    edit_copy: "복사",
    edit_paste: "붙여넣기",
    edit_duplicate: "복제",
    edit_select_all: "모두 선택",
    edit_align: "정렬",
    align_left: "왼쪽 맞춤",
    align_center: "가운데 맞춤",
    align_right: "오른쪽 맞춤",
    align_top: "위쪽 맞춤",
    align_middle: "중간 맞춤",
    align_bottom: "아래쪽 맞춤",
    view_arrange: "자동 배치",
    view_snap: "격자에 맞추기",
    cat_load_balancing: "로드 밸런싱",
    cat_content_delivery: "콘텐츠 전송",
    palette_common: "자주 쓰는 리소스",
    palette_all_services: "모든 서비스",
    palette_loading: "모든 리소스 유형을 불러오는 중…",
    palette_more: "일치하는 유형이 {}개 더 있습니다. 검색어를 구체적으로 입력하세요.",
    canvas_toolbar: "캔버스 도구",
    canvas_help: "상자를 끌면 이동하고, 오른쪽 포트를 끌면 연결하며, 아래쪽 포트를 끌면 종속성을 추가합니다. 배경에서 Shift + 드래그하면 영역을 선택합니다.",
    canvas_selected: "{}개 선택됨",
    canvas_link_selected: "연결 선택됨 — Delete 키로 제거",
    node_role: "리소스",
    container_role: "컨테이너",
    node_findings: "오류 {}개, 경고 {}개",
    port_connect: "다른 리소스로 끌어 연결",
    port_depend: "다른 리소스로 끌어 DependsOn 추가",
    edge_reference: "{}이(가) {}을(를) 참조 ({})",
    edge_depends: "{}이(가) {}에 종속",
    edge_glue: "{}과(와) {}을(를) {}(으)로 연결",
    ctx_menu: "컨텍스트 메뉴",
    ctx_properties: "속성",
    ctx_documentation: "문서",
    ctx_delete_link: "연결 삭제",
    field_inside: "포함 위치",
    logical_id_too_long: "논리적 ID는 최대 255자입니다.",
    inspector_multi: "리소스 {}개 선택됨",
    inspector_findings: "문제",
    inspector_no_findings: "발견된 문제가 없습니다.",
    inspector_relations: "관계",
    inspector_declaration: "선언",
    link_kind_reference: "참조",
    link_kind_depends: "종속성",
    link_kind_glue: "연결 리소스",
    link_from: "시작",
    link_to: "대상",
    link_property: "속성",
    link_resource: "리소스",
    summary_links: "연결",
    summary_problems: "오류 · 경고",
    problems_none: "템플릿에서 발견된 문제가 없습니다.",
    problems_line: "{}행",
    status_many_selected: "리소스 {}개",
    shortcuts_view: "보기",
    sc_select: "선택, 추가 또는 제거",
    sc_select_keys: "클릭, Shift + 클릭",
    sc_marquee: "영역 선택",
    sc_marquee_keys: "배경에서 Shift + 드래그",
    sc_connect: "두 리소스 연결",
    sc_connect_keys: "포트에서 리소스로 드래그",

    crash_title: "내부 오류로 Formwork가 중지되었습니다",
    crash_body: "보고서를 복사해 개발자에게 전달한 뒤 페이지를 새로고침하세요. 다운로드하지 않은 변경 사항은 사라집니다.",
    crash_copy: "보고서 복사",
    crash_copied: "보고서를 복사했습니다",
    crash_copy_failed: "복사하지 못했습니다. 위의 내용을 직접 선택해 복사하세요",
    crash_reload: "새로고침",
    crash_location: "위치: {}",
};

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn tags_map_to_languages() {
        assert_eq!(Lang::from_tag("ko"), Lang::Ko);
        assert_eq!(Lang::from_tag("ko-KR"), Lang::Ko);
        assert_eq!(Lang::from_tag("KO_kr"), Lang::Ko);
        assert_eq!(Lang::from_tag("en-US"), Lang::En);
        assert_eq!(Lang::from_tag("kok"), Lang::En);
        assert_eq!(Lang::from_tag(""), Lang::En);
    }

    #[wasm_bindgen_test]
    fn fill_replaces_in_order() {
        assert_eq!(fill("{} of {}", &["1", "2"]), "1 of 2");
        assert_eq!(fill("리소스 {}개", &["3"]), "리소스 3개");
        assert_eq!(fill("none", &["x"]), "none");
        assert_eq!(fill("{}{}", &["a"]), "a");
    }
}
