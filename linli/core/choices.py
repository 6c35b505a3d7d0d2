from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEventType(models.TextChoices):
    LOGIN_SUCCESS = "login_success", _("Login")
    LOGIN_FAILURE = "login_failure", _("Failed login")
    LOGOUT = "logout", _("Logout")
    LOCKOUT = "lockout", _("Account locked out")
    ACCESS_DENIED = "access_denied", _("Access denied")
    PASSWORD_CHANGE = "password_change", _("Password changed")
    OTP_ENROL = "otp_enrol", _("Two-factor enrolled")
    OTP_FAILURE = "otp_failure", _("Wrong two-factor code")
    OTP_RESET = "otp_reset", _("Two-factor reset by administrator")
    PASSWORD_RESET = "password_reset", _("Password reset by administrator")
    USER_CREATE = "user_create", _("User created")
    USER_UPDATE = "user_update", _("User changed")
    TOKEN_CREATE = "token_create", _("API token created")
    TOKEN_REVOKE = "token_revoke", _("API token revoked")
    REGION_CREATE = "region_create", _("Region created")
    REGION_UPDATE = "region_update", _("Region changed")
    REGIONS_LOAD = "regions_load", _("Regions loaded")
    ORG_CREATE = "org_create", _("Organization created")
    ORG_UPDATE = "org_update", _("Organization changed")
    PERSON_UPDATE = "person_update", _("Person changed")
    APPLICATION_SUBMIT = "application_submit", _("Application submitted")
    APPLICATION_DECISION = "application_decision", _("Review decision")
    EXPORT = "export", _("Export")
    IMPORT = "import", _("Import")
    PERSONAL_DATA_REVEAL = "personal_data_reveal", _("Personal data revealed")
    SETTING_CHANGE = "setting_change", _("Setting changed")


class AuditResult(models.TextChoices):
    SUCCESS = "success", _("Success")
    FAILURE = "failure", _("Failure")
    DENIED = "denied", _("Denied")
