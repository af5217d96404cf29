/**
 * Optional Jakarta Bean Validation for Wisp apps: {@code Validated.json(req, Type.class)} binds a
 * JSON body and answers constraint violations as 422 problem documents.
 */
module dev.wisp.validation {
    requires transitive dev.wisp.web;
    requires transitive jakarta.validation;
    requires org.hibernate.validator;

    exports dev.wisp.validation;
}
