package emulator

// apiError is an error answer in Okta's shape.
type apiError struct {
	status        int
	code, summary string
	causes        []string
}

// write answers the request with the error.
func (e *apiError) write(rq *request) {
	writeError(rq.w, e.status, e.code, e.summary, e.causes...)
}

// errSearchAndFilter is Okta's answer to search and filter together.
var errSearchAndFilter = &apiError{400, "E0000033", "Bad request. Can't specify a search query and filter in the same request.", nil}

// validation is Okta's E0000001 (400) for a field.
func validation(field, cause string) *apiError {
	return &apiError{400, "E0000001", "Api validation failed: " + field, []string{field + ": " + cause}}
}

// missing is Okta's E0000001 for a required field left out.
func missing(field string) *apiError {
	return validation(field, "The field cannot be left blank")
}

// refusal refuses a change with err, whatever the object.
func refusal(err *apiError) func(map[string]any) *apiError {
	return func(map[string]any) *apiError { return err }
}
