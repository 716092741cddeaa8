"""Users page (admin): accounts, the sign-in settings, the audit log with filters and a download."""

import datetime as dt

import streamlit as st

from domain import roles
from ui import auth, tables
from ui.i18n import t
from ui.safe import md

st.title(t("auth.users.title"))
accounts_tab, settings_tab, audit_tab = st.tabs(
    [t("auth.users.tab.accounts"), t("auth.users.tab.settings"), t("auth.users.tab.audit")]
)

with accounts_tab:
    tables.show_table(auth.accounts_table())
    done = st.session_state.pop("users_done", None)
    if done:
        st.success(done)
    with st.form("users_add", clear_on_submit=True):
        st.subheader(t("auth.users.add"))
        name = st.text_input(t("auth.name"), key="users_add_name")
        role = st.selectbox(t("auth.users.role"), roles.ROLES, key="users_add_role")
        kelurahan = st.text_input(t("auth.users.kelurahan"), key="users_add_kelurahan")
        kecamatan = st.text_input(t("auth.users.kecamatan"), key="users_add_kecamatan")
        password = st.text_input(t("auth.password"), type="password", key="users_add_password")
        if st.form_submit_button(t("auth.users.add")):
            refused = auth.change_accounts(
                "add",
                name,
                role=role,
                password=password,
                kelurahan=[c.strip() for c in kelurahan.split(",") if c.strip()],
                kecamatan=[c.strip() for c in kecamatan.split(",") if c.strip()],
            )
            if refused:
                st.error(t("auth.users.refused", reason=md(refused)))
            else:
                st.session_state["users_done"] = t("auth.users.added", name=md(name.strip().lower()))
                st.rerun()
    names = auth.account_names()
    left, right = st.columns(2)
    with left.form("users_disable"):
        st.subheader(t("auth.users.disable"))
        target = st.selectbox(t("auth.users.pick"), names, key="users_disable_name")
        if st.form_submit_button(t("auth.users.disable")) and target:
            refused = auth.change_accounts("disable", target)
            if refused:
                st.error(t("auth.users.refused", reason=md(refused)))
            else:
                st.session_state["users_done"] = t("auth.users.disabled", name=md(target))
                st.rerun()
    with right.form("users_passwd", clear_on_submit=True):
        st.subheader(t("auth.users.passwd"))
        target = st.selectbox(t("auth.users.pick"), names, key="users_passwd_name")
        password = st.text_input(t("auth.password"), type="password", key="users_passwd_password")
        if st.form_submit_button(t("auth.users.passwd")) and target:
            refused = auth.change_accounts("passwd", target, password=password)
            if refused:
                st.error(t("auth.users.refused", reason=md(refused)))
            else:
                st.session_state["users_done"] = t("auth.users.password_set", name=md(target))
                st.rerun()

with settings_tab:
    st.caption(t("settings.caption"))
    saved = st.session_state.pop("settings_done", None)
    if saved:
        st.success(saved)
    with st.form("settings_edit"):
        values = {
            setting.name: st.number_input(
                t(auth.SETTING_LABELS[setting.name]),
                min_value=setting.min_value,
                max_value=setting.max_value,
                value=now,
                step=1,
                help=t("settings.range", min=setting.min_value, max=setting.max_value),
                key=f"setting_{setting.name}",
            )
            for setting, now in auth.editable_settings()
        }
        if st.form_submit_button(t("settings.save")):
            changed, refused = auth.change_settings(values)
            if refused:
                st.error(refused)
            else:
                names = ", ".join(t(auth.SETTING_LABELS[n]) for n in changed)
                st.session_state["settings_done"] = (
                    t("settings.saved", names=names) if changed else t("settings.unchanged")
                )
                st.rerun()
    st.markdown(f"**{t('settings.others')}**")
    tables.show_table(auth.settings_table())

with audit_tab:
    today = dt.datetime.now(dt.UTC).date()
    c1, c2, c3, c4 = st.columns(4)
    dari = c1.date_input(t("auth.users.from"), today - dt.timedelta(days=30), key="audit_from")
    sampai = c2.date_input(t("auth.users.to"), today, key="audit_to")
    everyone = t("auth.users.all")
    user = c3.selectbox(t("auth.col.user"), [everyone, *auth.account_names(), "-", "cli"], key="audit_user")
    event = c4.selectbox(
        t("auth.users.event"),
        [everyone, *auth.EVENTS],
        key="audit_event",
        format_func=lambda e: e if e == everyone else auth.event_label(e),
    )
    log = auth.audit_events(dari, sampai, None if user == everyone else user, None if event == everyone else event)
    if log.empty:
        st.info(t("auth.users.none"))
    tables.show_table(auth.audit_table(log))
    # The file for people: its headers with units and the events in the user's language.
    st.download_button(
        t("auth.users.download"),
        data=auth.download(roles.AUDIT, f"audit_log_{dari}_{sampai}.csv", tables.deferred_csv(log)),
        file_name=f"audit_log_{dari}_{sampai}.csv",
        mime="text/csv",
        key="audit_download",
    )
