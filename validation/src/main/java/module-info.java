/** Jakarta Bean Validation of bound JSON for Wisp: one 422 problem with a JSON Pointer per violation. */
module dev.wisp.validation {
    requires transitive dev.wisp.web;
    requires transitive jakarta.validation;
    requires org.hibernate.validator;

    exports dev.wisp.validation;
}
