package org.compliancebot.bridge.api;

/** The standard error codes of the Matrix client-server API; anything else maps to {@link #UNRECOGNISED_CODE}. */
public enum ErrCode {
    M_FORBIDDEN,
    M_UNKNOWN_TOKEN,
    M_MISSING_TOKEN,
    M_USER_LOCKED,
    M_USER_SUSPENDED,
    M_BAD_JSON,
    M_NOT_JSON,
    M_NOT_FOUND,
    M_LIMIT_EXCEEDED,
    M_UNRECOGNIZED,
    M_UNKNOWN,
    M_UNAUTHORIZED,
    M_USER_DEACTIVATED,
    M_USER_IN_USE,
    M_INVALID_USERNAME,
    M_ROOM_IN_USE,
    M_INVALID_ROOM_STATE,
    M_UNSUPPORTED_ROOM_VERSION,
    M_INCOMPATIBLE_ROOM_VERSION,
    M_BAD_STATE,
    M_GUEST_ACCESS_FORBIDDEN,
    M_CAPTCHA_NEEDED,
    M_CAPTCHA_INVALID,
    M_MISSING_PARAM,
    M_INVALID_PARAM,
    M_TOO_LARGE,
    M_EXCLUSIVE,
    M_RESOURCE_LIMIT_EXCEEDED,
    M_CANNOT_LEAVE_SERVER_NOTICE_ROOM,
    M_WEAK_PASSWORD,
    M_UNKNOWN_POS,
    M_DUPLICATE_ANNOTATION,
    M_NOT_YET_UPLOADED,
    /** The server sent a code this client does not know, or no code at all. */
    UNRECOGNISED_CODE;

    public static ErrCode parse(String code) {
        if (code == null) {
            return UNRECOGNISED_CODE;
        }
        try {
            return valueOf(code);
        } catch (IllegalArgumentException e) {
            return UNRECOGNISED_CODE;
        }
    }
}
