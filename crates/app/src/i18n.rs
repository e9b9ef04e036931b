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
    pub cat_ml: &'static str,
    pub cat_devtools: &'static str,
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
    pub node_label: &'static str,

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
    pub logical_id_referenced: &'static str,
    pub rename: &'static str,
    pub open_reference: &'static str,
    pub delete_resource: &'static str,
    pub properties_note: &'static str,

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
    pub problems_unavailable: &'static str,
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
    edit_delete: "Delete resource",
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
    palette_hint: "Drag a type onto the canvas, or click it to place it in the centre.",
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
    cat_ml: "Machine learning",
    cat_devtools: "Developer tools",
    cat_other: "Other",

    canvas: "Canvas",
    canvas_empty_title: "Start designing your stack",
    canvas_empty_drag: "Drag a resource from the palette on the left and drop it here.",
    canvas_empty_keyboard: "Or click a type in the palette (or press Enter on it) to place it in the centre.",
    canvas_empty_open: "To start from an existing template, choose File → Open template…",
    canvas_empty_navigate: "Drag the background to pan; use the wheel to zoom.",
    zoom_controls: "Zoom",
    zoom_level: "Zoom level",
    node_label: "{}, {}",

    inspector: "Inspector",
    inspector_title: "Properties",
    inspector_empty: "Select a resource on the canvas to see and edit its details.",
    summary_title: "Template summary",
    summary_format_version: "Format version",
    summary_resources: "Resources",
    summary_services: "Services",
    summary_no_resources: "No resources yet.",
    field_logical_id: "Logical ID",
    field_type: "Type",
    field_category: "Category",
    logical_id_rule: "Letters and digits only; unique in the template.",
    logical_id_empty: "Enter a logical ID.",
    logical_id_invalid: "Use only the letters A–Z, a–z and the digits 0–9.",
    logical_id_taken: "This name is already used in the template.",
    logical_id_referenced: "Other parts of the template refer to this ID; renaming would break them.",
    rename: "Rename",
    open_reference: "Reference documentation",
    delete_resource: "Delete resource",
    properties_note: "Property editing comes with the template model.",

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
    problems_unavailable: "Template checks are not available yet.",
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
    sc_pan_keys: "Drag the background",
    sc_wheel: "Zoom around the pointer",
    sc_wheel_keys: "Mouse wheel",
    sc_move_resource: "Move the selected resource",
    sc_move_resource_keys: "Arrow keys (Shift: 5×)",
    sc_deselect: "Clear the selection",
    sc_open_menu: "Open a menu",
    sc_move_menu: "Move between items",
    sc_close_menu: "Close a menu or dialog",
    about_title: "About Formwork",
    about_body: "Formwork is a visual designer for AWS CloudFormation templates. It runs entirely in your browser.",
    about_privacy: "Nothing you design is sent anywhere: templates stay on this device.",
    about_version: "Version {}",
    about_license: "Licensed under Apache-2.0.",

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
    edit_delete: "리소스 삭제",
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
    palette_hint: "유형을 캔버스로 끌어다 놓거나, 클릭하면 가운데에 배치됩니다.",
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
    cat_ml: "기계 학습",
    cat_devtools: "개발자 도구",
    cat_other: "기타",

    canvas: "캔버스",
    canvas_empty_title: "스택 설계를 시작하세요",
    canvas_empty_drag: "왼쪽 팔레트에서 리소스를 끌어 여기에 놓으세요.",
    canvas_empty_keyboard: "또는 팔레트에서 유형을 클릭하거나 Enter 키를 누르면 가운데에 배치됩니다.",
    canvas_empty_open: "기존 템플릿에서 시작하려면 파일 → 템플릿 열기…를 선택하세요.",
    canvas_empty_navigate: "배경을 드래그하면 이동하고, 마우스 휠로 확대/축소합니다.",
    zoom_controls: "확대/축소",
    zoom_level: "배율",
    node_label: "{}, {}",

    inspector: "속성",
    inspector_title: "속성",
    inspector_empty: "캔버스에서 리소스를 선택하면 세부 정보를 보고 편집할 수 있습니다.",
    summary_title: "템플릿 요약",
    summary_format_version: "형식 버전",
    summary_resources: "리소스",
    summary_services: "서비스",
    summary_no_resources: "아직 리소스가 없습니다.",
    field_logical_id: "논리적 ID",
    field_type: "유형",
    field_category: "범주",
    logical_id_rule: "영문자와 숫자만 사용하며, 템플릿 안에서 고유해야 합니다.",
    logical_id_empty: "논리적 ID를 입력하세요.",
    logical_id_invalid: "영문자(A–Z, a–z)와 숫자(0–9)만 사용할 수 있습니다.",
    logical_id_taken: "템플릿에서 이미 사용 중인 이름입니다.",
    logical_id_referenced: "템플릿의 다른 부분이 이 ID를 참조하고 있어 이름을 바꾸면 참조가 깨집니다.",
    rename: "이름 변경",
    open_reference: "참조 문서",
    delete_resource: "리소스 삭제",
    properties_note: "속성 편집은 템플릿 모델과 함께 제공됩니다.",

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
    problems_unavailable: "템플릿 검사는 아직 지원되지 않습니다.",
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
    sc_pan_keys: "배경 드래그",
    sc_wheel: "포인터 위치를 기준으로 확대/축소",
    sc_wheel_keys: "마우스 휠",
    sc_move_resource: "선택한 리소스 이동",
    sc_move_resource_keys: "화살표 키(Shift: 5배)",
    sc_deselect: "선택 해제",
    sc_open_menu: "메뉴 열기",
    sc_move_menu: "항목 간 이동",
    sc_close_menu: "메뉴 또는 대화 상자 닫기",
    about_title: "Formwork 정보",
    about_body: "Formwork는 AWS CloudFormation 템플릿을 위한 시각적 디자이너입니다. 모든 작업이 브라우저 안에서 실행됩니다.",
    about_privacy: "설계한 내용은 어디에도 전송되지 않으며, 템플릿은 이 기기에만 남습니다.",
    about_version: "버전 {}",
    about_license: "Apache-2.0 라이선스로 배포됩니다.",

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
