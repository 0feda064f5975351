export { TursoError, type TursoErrorDetails } from "./base";
export { TursoInputError } from "./input";
export { TursoConfigError } from "./config";
export { TursoPlacementError } from "./placement";
export {
  statusSaid,
  TursoApiError,
  TursoAuthError,
  TursoForbiddenError,
  TursoNotFoundError,
  TursoResponseError,
} from "./api";
