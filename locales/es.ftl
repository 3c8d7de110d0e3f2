# Clientele — español.

## El marco de todas las páginas

skip-to-content = Saltar al contenido
nav-accounts = Cuentas
switcher-choose = Elige una cuenta
switcher-title = Cambiar de cuenta
switcher-none = Todavía no perteneces a ninguna cuenta.
switcher-all = Todas las cuentas
account-kind-group = Grupo
account-kind-client = Cliente
sign-out = Cerrar sesión
nav-group-console = Consola del grupo
nav-clients = Clientes
nav-email-problems = Problemas de correo
impersonation-banner = Has iniciado sesión como { $name } en el cliente { $client }.
impersonation-return = Volver a la consola
language-label = Idioma
language-change = Cambiar

## Roles

role-owner = Propietario
role-admin = Administrador
role-seller = Vendedor
role-member = Miembro

## Estados del cliente

status-active = Activo
status-trial = En prueba
status-preparation = En preparación
status-trial_end = Prueba finalizada
status-disabled = Desactivado
status-deleted = Eliminado
status-deletion-requested = Eliminación solicitada
status-deletion-days =
    { $days ->
        [0] se elimina al final de hoy
        [one] queda 1 día antes de que se elimine
       *[other] quedan { $days-text } días antes de que se elimine
    }
views-custom = esta lista
views-columns-fit = Caben unas tres columnas en una línea junto al nombre, la empresa y el estado; las demás se omiten en la pantalla, nunca en el CSV.
views-columns-left = No se muestran, por falta de espacio en una línea: { $columns }. Desmarca otra columna en Columnas para verlas; el CSV las tiene todas.
bulk-picked = Marcados:
badge-active =
    { $count ->
        [one] 1 servicio activo
       *[other] { $count-text } servicios activos
    }
badge-trial =
    { $count ->
        [one] 1 servicio en prueba
       *[other] { $count-text } servicios en prueba
    }
badge-ended =
    { $status ->
        [paused] { $service } en pausa
        [trial_end] { $service } con la prueba finalizada
       *[deleted] { $service } eliminado
    }
badge-preparation = todavía ningún servicio en uso
badge-disabled = desactivado a mano

## Formularios

form-required = obligatorio
form-correct-fields =
    { $count ->
        [one] Corrige el campo resaltado.
       *[other] Corrige los { $count-text } campos resaltados.
    }
form-correct-fields-nothing-saved =
    { $count ->
        [one] Corrige el campo resaltado. No se guardó nada.
       *[other] Corrige los { $count-text } campos resaltados. No se guardó nada.
    }
field-email = Correo electrónico
field-password = Contraseña
field-password-new = Contraseña (al menos 10 caracteres)
field-password-repeat = Repite la contraseña
field-first-name = Nombre
field-last-name = Apellido

## Errores de campo

error-control-characters = Quita de este campo los caracteres de control invisibles (como tabulaciones o NUL).
error-too-long =
    { $max ->
        [one] Usa como máximo 1 carácter.
       *[other] Usa como máximo { $max-text } caracteres.
    }
error-too-short = Usa al menos { $min-text } caracteres.
error-not-valid = Este valor no es válido.
error-email-invalid = Escribe una dirección de correo válida, como nombre@ejemplo.com.
error-email-too-long = Usa como máximo 254 caracteres.
error-enter-email = Escribe tu correo electrónico.
error-enter-an-email = Escribe una dirección de correo.
error-enter-password = Escribe tu contraseña.
error-password-only-spaces = La contraseña no puede tener solo espacios.
error-passwords-differ = Las dos contraseñas no coinciden.
error-enter-first-name = Escribe tu nombre.
error-enter-last-name = Escribe tu apellido.
error-enter-owner-first-name = Escribe el nombre del propietario.
error-enter-owner-last-name = Escribe el apellido del propietario.
error-enter-owner-email = Escribe el correo del propietario.
error-enter-group-name = Escribe el nombre del grupo.
error-enter-account-name = Escribe el nombre de la cuenta.
error-enter-address = Escribe la dirección.
error-choose-seller = Elige un vendedor de la lista.
error-choose-services = Elige entre los servicios de la lista.
error-choose-language = Elige un idioma de la lista.
error-choose-country = Elige un país de la lista.
error-billing-too-many = Indica como máximo { $max-text } direcciones.
error-billing-invalid = { $address } no es una dirección de correo válida.
error-name-taken = Otro cliente de este grupo ya tiene este nombre.
error-identifier-taken = Otro cliente de este grupo ya tiene este identificador.
error-custom-id-taken = Otro cliente de este grupo ya tiene este ID.
error-name-taken-now = Otro cliente de este grupo se acaba de guardar con este nombre.
error-identifier-taken-now = Otro cliente de este grupo se acaba de guardar con este identificador.
error-custom-id-taken-now = Otro cliente de este grupo se acaba de guardar con este ID.
error-setup-token-missing = Pega el token de configuración que mostró Clientele al arrancar.
error-setup-token-bad = Este token de configuración no es válido o ha caducado. Reinicia Clientele para obtener un nuevo enlace de configuración.
error-service-code-invalid = Usa una letra minúscula seguida de letras minúsculas, dígitos, - o _ (como máximo 32).
error-service-code-taken = Otro servicio ya tiene este código.
error-enter-service-name = Escribe el nombre del servicio.

## Iniciar sesión

login-title = Iniciar sesión
login-signed-out = Has cerrado la sesión.
login-wrong-credentials = El correo o la contraseña no son correctos.
login-throttled =
    { $minutes ->
        [one] Demasiados intentos fallidos de inicio de sesión. Espera 1 minuto y vuelve a intentarlo.
       *[other] Demasiados intentos fallidos de inicio de sesión. Espera { $minutes-text } minutos y vuelve a intentarlo.
    }
login-forgot = ¿Olvidaste tu contraseña?
forgot-title = ¿Olvidaste tu contraseña?
forgot-intro = Escribe la dirección de correo con la que inicias sesión. Te enviaremos un enlace para elegir una contraseña nueva.
forgot-submit = Enviarme un enlace
forgot-back = Volver al inicio de sesión
forgot-sent = Si alguna cuenta usa esa dirección, le estamos enviando un enlace para elegir una contraseña nueva. El enlace funciona una sola vez, durante 1 hora.
reset-title = Elige una contraseña nueva
reset-intro = Elige una contraseña nueva para { $email }. Se cerrará la sesión en todos los navegadores conectados a esta cuenta y se revocarán todos sus tokens de la API.
reset-submit = Guardar la contraseña nueva
reset-done = Tu contraseña se cambió, se cerró la sesión en todos los navegadores conectados a tu cuenta y se revocaron tus tokens de la API. Inicia sesión con la contraseña nueva.
reset-used-title = Este enlace ya se usó
reset-used-text = Cada enlace para elegir una contraseña nueva funciona una sola vez. Si aún lo necesitas, pide otro en la página de inicio de sesión.
reset-expired-title = Este enlace caducó
reset-expired-text = Los enlaces para elegir una contraseña nueva funcionan durante 1 hora. Pide otro en la página de inicio de sesión.
reset-unknown-text = Este enlace no es válido. Comprueba que lo copiaste entero o pide otro en la página de inicio de sesión.
nav-profile = Tu perfil
profile-title = Tu perfil
profile-details = Nombre e idioma
profile-language = Idioma
profile-language-hint = La consola y los correos que recibes usan este idioma.
profile-session-language = Esta sesión está en { $session }, como elegiste al entrar; tu idioma predeterminado es { $default }.
profile-session-language-keep = Usar { $language } como predeterminado
profile-save = Guardar
profile-saved = Se guardó tu perfil.
profile-password = Contraseña
profile-password-intro = Al cambiar la contraseña se cierra tu sesión en todos los demás navegadores.
profile-password-revoke-tokens =
    { $count ->
        [one] Revocar también mi token de la API (los scripts que lo usan dejarán de funcionar)
       *[other] Revocar también mis { $count-text } tokens de la API (los scripts que los usan dejarán de funcionar)
    }
profile-password-revoke-tokens-hint = Sin marcar, tus scripts siguen funcionando. Márcalo si alguien más pudo conocer tu contraseña.
field-password-current = Contraseña actual
error-current-password = Esta no es tu contraseña actual.
profile-password-submit = Cambiar la contraseña
profile-password-changed = Se cambió tu contraseña. Se cerró la sesión en todos los demás navegadores conectados a tu cuenta.
profile-sessions = Navegadores conectados
profile-sessions-intro = ¿Perdiste un dispositivo o iniciaste sesión en un equipo compartido? Cierra la sesión en todos los navegadores a la vez, también en este.
profile-sign-out-everywhere = Cerrar sesión en todas partes
profile-sign-out-everywhere-confirm = Se cerrará la sesión en todos los navegadores conectados a tu cuenta, también en este.
profile-sign-out-everywhere-tokens =
    { $count ->
        [one] También se revoca tu token de la API.
       *[other] También se revocan tus { $count-text } tokens de la API.
    }
profile-sign-out-everywhere-button = Cerrar sesión en todos los navegadores
profile-signed-out-everywhere = Se cerró tu sesión en todos los navegadores.
profile-add-account = Añadir una cuenta nueva
profile-add-account-intro = Crea una cuenta de grupo propia, con sus propios clientes y su equipo. Serás su propietario; tus otras cuentas siguen igual.
profile-add-account-nobody = Las cuentas de grupo nuevas solo las crea el operador de esta instalación. Pídeselo si necesitas una.
profile-add-account-staff-only = Solo el equipo de una cuenta de grupo puede crear otra aquí. Pide una al operador de esta instalación si la necesitas.
profile-add-account-limit = Has creado { $count } cuentas de grupo en las últimas 24 horas, el máximo por día. Vuelve a intentarlo mañana.
profile-account-name = Nombre de la cuenta nueva
profile-add-account-submit = Añadir la cuenta
profile-account-added = Se creó la cuenta { $name }. Eres su propietario.
login-submit = Iniciar sesión

## Configuración inicial

setup-title = Configurar Clientele
setup-intro = Crea tu grupo (tu empresa) y la cuenta de su propietario. Iniciarás sesión como propietario.
setup-token-legend = Token de configuración
setup-token-label = Token que mostró Clientele al arrancar
setup-token-from-link = El enlace de configuración que abriste lleva el token: completa el resto.
setup-token-hint = Al arrancar, Clientele escribió un enlace bajo «Clientele is not set up yet» (en su salida o en el registro del servicio: journalctl -u clientele). Abre ese enlace o pega aquí el token del final.
setup-group-legend = Grupo
setup-group-name = Nombre del grupo
setup-owner-legend = Propietario
setup-submit = Crear el grupo e iniciar sesión
setup-welcome = Te damos la bienvenida a Clientele. El grupo { $group } está listo.

## Activación del propietario

activate-title = Define tu contraseña
activate-intro = Eres el propietario de { $client }. Elige una contraseña para { $email } y activa la cuenta.
activate-submit = Definir la contraseña e iniciar sesión
activate-welcome = Tu contraseña está definida. Te damos la bienvenida a { $client }.
activate-used-title = Este enlace ya se usó
activate-used-text = Tu contraseña ya está definida. Inicia sesión con tu correo y tu contraseña.
activate-expired-title = Este enlace ha caducado
activate-expired-text = Los enlaces de activación son válidos durante 14 días. Pide uno nuevo a la empresa que gestiona tu cuenta.
activate-unknown-text = Este enlace no es válido. Comprueba que lo copiaste completo.

## Elección de cuenta

accounts-title = Elige una cuenta
accounts-groups = Consolas de grupo
accounts-clients = Cuentas de cliente
accounts-empty-title = Todavía no hay cuentas
accounts-empty-text = No perteneces a ninguna cuenta. Pide a la persona que gestiona tu cuenta que te invite.

## Lista de clientes

clients-title = Clientes
clients-page-title = Clientes · { $group }
clients-export = Exportar CSV
clients-export-utf8 = CSV (UTF-8)
clients-export-utf8-hint = Para scripts, LibreOffice, Google Sheets, Excel en Mac
clients-export-excel = CSV para Excel en Windows
clients-export-excel-hint = El mismo archivo, marcado como UTF-8 para que los acentos se vean bien
clients-add = Agregar cliente
clients-empty-title = Todavía no hay clientes
clients-empty-text = Los clientes que agregues aparecen aquí, con su estado, su vendedor y su propietario.
clients-search = Buscar
clients-search-placeholder = Nombre, empresa, ID, identificador o correo del propietario
clients-filter-status = Estado
clients-filter-all-statuses = Todos los estados
clients-filter-seller = Vendedor
clients-filter-all-sellers = Todos los vendedores
clients-filter-my-clients = Mis clientes
clients-filter-no-seller = Sin vendedor
clients-filter-test = Cuentas de prueba
clients-filter-test-hidden = Sin cuentas de prueba
clients-filter-test-only = Solo cuentas de prueba
clients-filter-test-shown = Con cuentas de prueba
clients-filter-apply = Aplicar
clients-filter-clear = Quitar filtros
clients-no-match-title = Ningún cliente coincide con estos filtros
clients-no-match-text = Prueba otra búsqueda u otro estado, o quita los filtros.
clients-caption = Clientes de { $group }, del { $first-text } al { $last-text } de { $total-text }
clients-col-name = Nombre de la cuenta
clients-col-company = Empresa
clients-col-status = Estado
clients-col-seller = Vendedor
clients-col-owner = Propietario
clients-col-created = Creado
clients-test-badge = Prueba
yes = Sí
no = No
owner-none = sin propietario
owner-none-invite = Invitar
owner-none-invite-label = Invitar a un nuevo propietario para { $client }
owner-pending-days =
    { $days ->
        [0] propietario pendiente, caduca hoy
        [one] propietario pendiente, caduca en 1 día
       *[other] propietario pendiente, caduca en { $days-text } días
    }
pager-range = { $first-text }–{ $last-text } de { $total-text }
pager-previous = Anterior
pager-next = Siguiente
pager-page = Página { $page-text } de { $pages-text }
pager-label = Páginas
pager-first = Primera
pager-last = Última
pager-range-more = { $first-text }–{ $last-text } de { $total-text }+
pager-page-open = Página { $page-text }
pager-goto = Página { $page-text }
clients-caption-more = Clientes de { $group }, del { $first-text } al { $last-text } de más de { $total-text }

## Formulario del cliente

client-add-title = Agregar cliente
client-edit-title = { $client } · Editar cliente
client-tab-edit = Editar cliente
client-status = Estado: { $status }
client-status-deletion-link = Qué pasa después
client-section-main = Ajustes principales
client-section-address = Dirección
client-section-owner = Propietario de la cuenta
client-field-account_name = Nombre de la cuenta
client-field-company_name = Razón social
client-field-unique_identifier = Identificador único (número fiscal)
client-field-billing_emails = Correos de facturación
client-field-active = Cliente activo
client-field-custom_id = Nombre en tu sistema
client-field-seller_id = Vendedor
client-field-test_account = Cuenta de prueba
client-field-language = Idioma de los correos automáticos
client-field-country = País
client-field-region = Provincia o región
client-field-city = Ciudad
client-field-address = Dirección
client-field-postal_code = Código postal
client-billing-hint = Hasta 10 direcciones, separadas por comas o saltos de línea.
client-active-hint = Si no está marcado, el cliente queda desactivado.
client-test-hint = No aparece en la lista de clientes salvo que se muestren las cuentas de prueba.
client-no-seller = Sin vendedor
client-choose-country = Elige un país
client-owner-password = Contraseña de acceso (opcional)
client-owner-hint = Deja la contraseña en blanco para enviar al propietario, por correo, un enlace para configurar su acceso (válido durante 14 días). Si la dirección ya tiene una cuenta de Clientele, se invita al propietario a aceptar y la contraseña escrita aquí no se usa.
client-section-services = Servicios
client-services-hint = Preajustados según la visibilidad de servicios de tu grupo. Si los dejas como están, este cliente sigue la configuración del grupo; si cambias alguno, su visibilidad es propia desde el inicio (su pestaña Servicios puede restablecerla).
client-create = Crear cliente
client-save = Guardar cambios
client-cancel = Cancelar
client-owner-pending = Propietario pendiente
client-owner-link-expires =
    { $days ->
        [0] el enlace caduca hoy
        [one] el enlace caduca en 1 día
       *[other] el enlace caduca en { $days-text } días
    }
client-owner-resend = Reenviar el enlace al propietario
client-owner-none = Sin propietario: nadie es propietario de este cliente.
client-owner-invite-title = Invitar a un nuevo propietario
client-owner-invite-hint = Recibe por correo la invitación de propietario, válida 14 días, con un recordatorio el día 11. Si la dirección ya tiene una cuenta de Clientele, la acepta tras iniciar sesión. Al aceptarla pasa a ser el propietario.
client-owner-invite-send = Enviar la invitación
client-owner-invited = La invitación de propietario se envió a { $email }.
client-owner-exists = Este cliente tiene propietario, o ya hay uno invitado: no se envió nada.
client-stale-heading = Otra persona guardó este cliente mientras lo editabas. No se sobrescribió nada.
client-stale-text = El formulario de abajo ya incluye sus cambios, salvo en los campos que tú también cambiaste: ahí se mantiene tu versión. Revisa estos campos y vuelve a guardar.
client-stale-field = Campo
client-stale-saved = Guardado ahora
client-stale-yours = Tu versión
client-stale-not-yours = no lo cambiaste: el formulario muestra el valor guardado
client-created = Cliente { $client } creado. Aparece como «propietario pendiente» hasta que su propietario inicie sesión.
client-created-activation = Cliente { $client } creado. Se envió un enlace al propietario por correo; el cliente aparece como «propietario pendiente» hasta que lo use.
client-saved = Cambios guardados.
client-unchanged = No hay nada que guardar: no se cambió ningún campo.
client-resent = Se envió un nuevo enlace a { $email }. El enlace anterior ya no funciona.
client-nothing-to-resend = El propietario ya no está pendiente: no se envió nada.
client-resend-too-soon = Se envió un enlace al propietario hace menos de un minuto. Espera un minuto antes de enviar otro.
## Problemas de correo

emails-title = Problemas de correo
emails-page-title = Problemas de correo · { $group }
emails-intro = Correos que aún no se pudieron entregar. Clientele reintenta cada uno durante 24 horas (al cabo de 1 minuto y luego duplicando la espera hasta una vez por hora); después desiste y lo deja aquí con el error.
emails-empty-title = No hay problemas de correo
emails-empty-text = Todos los correos de { $group } se entregaron o están en camino.
emails-caption = Correos no entregados
emails-col-recipient = Destinatario
emails-col-kind = Correo
emails-kind-test = Correo de prueba
emails-kind-owner = El enlace del propietario para una cuenta de cliente nueva
emails-kind-invitation = Invitación
emails-kind-address = Cambio de la dirección de acceso
emails-kind-password = Restablecimiento de contraseña
emails-kind-other = Correo
emails-col-state = Situación
emails-col-attempts = Intentos
emails-col-error = Último error
emails-col-action = Acción
emails-queued = En cola desde el { $when }
emails-given-up = Sin más reintentos
emails-retrying = Reintentando
emails-given-up-at = Descartado el { $when }
emails-next-attempt = Próximo intento el { $when }
emails-retry = Reintentar ahora
emails-retried = El correo a { $email } se volverá a enviar en menos de un minuto.


## Ajustes del revendedor

nav-settings = Ajustes
settings-title = Ajustes del revendedor
settings-page-title = Ajustes del revendedor · { $group }
settings-visibility-legend = Visibilidad global de los servicios
settings-visibility-hint = Los clientes siguen estas opciones hasta que se personalice su propia visibilidad en su pestaña Servicios.
settings-visible = visible para los clientes
settings-notifications-legend = Solicitudes de eliminación
settings-notify = Avisar por correo a las direcciones de abajo cuando un cliente pida eliminar su cuenta
settings-recipients = Destinatarios
settings-recipients-hint = Hasta 10 direcciones, separadas por comas o saltos de línea.
settings-save = Guardar ajustes
settings-saved = Ajustes guardados.
settings-confirm-title = Revisa antes de guardar: todavía no se guardó nada.
settings-confirm-services = Cambia la visibilidad de estos servicios: { $services }.
settings-reach-inheriting =
    { $count ->
        [0] Ningún cliente sigue las opciones del grupo, así que ningún cliente cambia.
        [one] 1 cliente sigue las opciones del grupo y va a cambiar.
       *[other] { $count-text } clientes siguen las opciones del grupo y van a cambiar.
    }
settings-reach-customised =
    { $count ->
        [0] Ningún cliente tiene visibilidad propia.
        [one] 1 cliente tiene visibilidad propia y la va a conservar.
       *[other] { $count-text } clientes tienen visibilidad propia y la van a conservar.
    }
settings-confirm = Guardar y aplicar


## Pestaña Servicios

client-tab-services = Servicios
services-title = { $client } · Servicios
services-inherits = Este cliente sigue la visibilidad de servicios del grupo (ajustes del revendedor).
services-customised = Este cliente tiene su propia visibilidad de servicios: las opciones del grupo ya no la cambian.
services-reset = Volver a los valores del grupo
services-col-service = Servicio
services-col-visibility = Visibilidad
services-col-status = Estado
services-visible-inherited = visible (valor del grupo)
services-hidden-inherited = oculto (valor del grupo)
services-visible-own = visible (personalizado)
services-hidden-own = oculto (personalizado)
services-show = Mostrar
services-hide = Ocultar
services-not-activated = sin activar
services-activate = Activar servicio
services-change-status = Cambiar estado
services-hidden-note = oculto: muestra el servicio para activarlo
services-confirm-hide = { $service } está en uso. ¿Ocultarlo al cliente de todos modos?
services-confirm-hide-button = Ocultar de todos modos
services-history = Historial de estados
services-history-empty = Todavía no hay cambios de estado.
services-visibility-saved = Visibilidad guardada.
services-reset-saved = El cliente vuelve a seguir la visibilidad de servicios del grupo.
services-status-saved = Estado guardado.
service-hidden = Un servicio oculto no se puede activar. Muéstralo primero.
error-choose-status = Elige un estado de la lista.
service-status-trial = En prueba
service-status-active = Activo
service-status-paused = En pausa
service-status-trial_end = Prueba finalizada
service-status-deleted = Eliminado

## Área del cliente

portal-eyebrow = Cuenta de cliente
portal-account-name = Nombre de la cuenta
portal-company = Empresa
portal-status = Estado
portal-owner = Propietario de la cuenta
portal-role = Tu rol
portal-nav-home = Resumen
portal-services-empty-title = Todavía no hay servicios
portal-services-empty-text = La empresa que gestiona tu cuenta todavía no puso ningún servicio a tu disposición.
portal-services-read-only = El estado de tus servicios lo define la empresa que gestiona tu cuenta.
portal-nav-account = Cuenta
portal-account-title = Datos de la cuenta
portal-account-kept = Los gestiona la empresa que administra tu cuenta
portal-custom-id = Tu referencia de cliente
portal-account-kept-hint = Estos datos los define la empresa que administra tu cuenta. Pídele que los cambie.
portal-account-read-only = Puedes ver estos datos; para cambiarlos necesitas el permiso de cuenta.
portal-account-stale = Otra persona guardó estos datos mientras los editabas. No se guardó nada de lo que escribiste: el formulario muestra ahora lo guardado. Vuelve a hacer tu cambio.
portal-services-heading = Tus servicios
disabled-title = Esta cuenta está desactivada
disabled-text = { $group } desactivó la cuenta de cliente { $client }, así que sus páginas están cerradas por ahora. Tus otras cuentas siguen funcionando.
disabled-contact-person = Para volver a usarla, ponte en contacto con { $name } ({ $email }).
disabled-contact-group = Para volver a usarla, ponte en contacto con { $group }.
disabled-other-accounts = Tus otras cuentas

## Páginas de error

error-go-home = Ir a la página de inicio
dead-link-sign-in = Iniciar sesión
error-reference = Referencia para soporte: { $id }
error-not-found-title = Página no encontrada
error-not-found-text = Aquí no hay nada, o no tienes acceso.
error-forbidden-title = Acceso denegado
error-forbidden-text = No tienes permiso para hacer esto.
error-invalid-title = Revisa lo que enviaste
error-invalid-text = Parte de lo enviado no es válido, así que no se cambió nada.
error-conflict-title = Esto cambió mientras tanto
error-conflict-text = Alguien lo cambió mientras trabajabas, así que no se cambió nada. Recarga la página y vuelve a intentarlo.
error-csrf-title = El formulario caducó
error-csrf-text = Este formulario estaba desactualizado o no venía de Clientele, así que no se cambió nada. Vuelve atrás, recarga la página y vuelve a intentarlo.
error-sign-in-title = Tienes que iniciar sesión
error-sign-in-text = Inicia sesión, por favor.
error-bad-request-title = Solicitud incorrecta
error-bad-request-text = No se pudo entender la solicitud.
error-unavailable-title = No disponible por ahora
error-unavailable-text = La base de datos no responde en este momento. Vuelve a intentarlo en un rato.
error-internal-title = Algo salió mal
error-internal-text = Ocurrió un error inesperado y quedó registrado. Vuelve a intentarlo.
error-method-title = No permitido aquí
error-method-text = Esta dirección no atiende ese tipo de solicitud. Usa los enlaces y botones de la consola.
error-too-large-title = Envío demasiado grande
error-too-large-text = Lo enviado supera lo que acepta la consola, así que no se cambió nada. Acórtalo y vuelve a intentarlo.

## Correos

email-footer = Este correo fue enviado por Clientele. Por favor, no lo respondas.
email-test-subject = Correo de prueba de Clientele
email-test-heading = El envío de correos funciona
email-test-body = Este es un correo de prueba de Clientele. Si puedes leerlo, la configuración de correo es correcta.
email-test-sent-to = Enviado a
email-test-button = Abrir Clientele
email-owner-subject = Tu cuenta de cliente { $client } en Clientele
email-activation-greeting = Hola { $name },
email-activation-created = { $group } creó una cuenta de cliente para ti en Clientele: { $client }.
email-activation-action = Define tu contraseña para activarla e iniciar sesión.
email-activation-button = Definir mi contraseña
email-activation-expiry = Este enlace funciona una sola vez y caduca en 14 días.
email-activation-ignore = Si no esperabas este correo, puedes ignorarlo.
email-owner-invitation-body = { $group } te designó propietario de una cuenta de cliente en Clientele: { $client }.
email-owner-invitation-action = Abre la invitación para aceptarla. Si ya usas Clientele, inicia sesión como siempre; si no, elige allí tu contraseña.
email-owner-invitation-action-preset = Abre la invitación para aceptarla. Si ya usas Clientele, inicia sesión como siempre; si no, confirma allí tu dirección e inicia sesión con la contraseña que te dio { $group }.
email-owner-reminder-subject = Recordatorio: tu cuenta de cliente { $client } en Clientele
email-owner-reminder-body = { $group } te designó propietario de una cuenta de cliente en Clientele: { $client }. La invitación aún te espera y caduca el { $date }.
email-owner-reminder-either = Este enlace y el de nuestro correo anterior abren la misma invitación: cualquiera de los dos funciona una sola vez, hasta esa fecha.
email-invitation-subject = Te invitaron a { $account } en Clientele
email-invitation-greeting = Hola:
email-invitation-body =
    { $role ->
        [owner] { $inviter } te nombró propietario de la cuenta de cliente { $account } en Clientele.
       *[other] { $inviter } te invitó a unirte a { $account } en Clientele como { $role_name }.
    }
email-invitation-permissions = Con ella podrás usar: { $permissions }.
email-invitation-action = Abre la invitación para aceptarla o rechazarla. Si ya usas Clientele, iniciarás sesión como siempre; si no, elegirás tu nombre y una contraseña.
email-invitation-button = Abrir la invitación
email-invitation-expiry = Este enlace funciona una sola vez y caduca en 7 días.
email-invitation-ignore = Si no esperabas esta invitación, puedes ignorar este correo.
email-reset-subject = Elige una nueva contraseña de Clientele
email-reset-body = Alguien pidió restablecer la contraseña de tu cuenta de Clientele. Elige una nueva con el enlace de abajo; se cerrará la sesión en todos los navegadores conectados a tu cuenta.
email-reset-button = Elegir una nueva contraseña
email-reset-expiry = Este enlace funciona una sola vez y caduca en 1 hora.
email-reset-ignore = Si no lo pediste, ignora este correo: tu contraseña sigue igual.
email-changed-subject = Se cambió tu dirección de correo de Clientele
email-changed-body = La dirección de correo de tu cuenta de Clientele se cambió a { $email }. A partir de ahora, inicia sesión con la nueva dirección.
email-changed-sessions = Se cerró la sesión en todos los navegadores conectados a tu cuenta.
email-changed-not-you = Si no esperabas este cambio, ponte en contacto con quienes administran tu cuenta.
client-tab-users = Usuarios
client-users-title = Usuarios de { $client }
client-users-intro = Los usuarios propios del cliente. Edita aquí el nombre, el correo, el idioma o el rol de una persona; los propietarios y administradores del cliente invitan a personas desde su área de cliente.
client-user-edit = Editar
client-user-title = Editar a { $name }
client-user-person = Persona
client-user-saved = Cambios guardados.
client-user-email-changed = La dirección ahora es { $email } y se envió un enlace nuevo a ella.
client-user-email-confirm = Enviamos un correo a { $old } para confirmar el cambio a { $new }. Hasta que se confirme, la persona sigue iniciando sesión con { $old }.
client-user-email-pending = Un cambio de dirección a { $email } espera la confirmación de esta persona.
client-user-email-hint = La persona confirma una dirección nueva desde la actual; después se cierra la sesión en todos sus navegadores y se avisa a la dirección anterior.
client-user-email-hint-pending = Una dirección nueva vale al instante: se le envía un enlace nuevo y el anterior deja de funcionar.
client-user-owner-hint = El propietario sigue siéndolo hasta que transfiera la propiedad a un administrador desde su área de cliente.
client-invited-owner-hint = El propietario con el que se creó el cliente todavía no aceptó. Corrige aquí su nombre o su dirección: una dirección nueva recibe un enlace nuevo, válido durante 14 días, y el anterior deja de funcionar.
client-users-deleted = Este cliente se eliminó: sus usuarios se conservan como estaban y no se pueden cambiar.
email-change-subject = Confirma tu nueva dirección de acceso a Clientele
email-change-body = { $group } pidió cambiar la dirección con la que inicias sesión en Clientele a { $email }.
email-change-action = Si es correcto, apruébalo con el botón de abajo. Después enviaremos un enlace a la dirección nueva: abrirlo allí termina el cambio, cierra la sesión en todos los navegadores de tu cuenta y, desde entonces, inicias sesión con la dirección nueva.
email-change-button = Aprobar el cambio
email-change-expiry = Este enlace funciona una sola vez y caduca en 3 días.
email-change-ignore = Si no esperabas esto, ignora este correo: tu dirección sigue igual.
email-change-title = Aprueba el cambio de tu dirección
email-change-intro = Quienes administran una de tus cuentas pidieron cambiar tu dirección de acceso de { $old } a { $new }. Apruébalo y después abre el enlace que enviaremos a { $new } para terminar.
email-change-submit = Aprobar y enviar el enlace
email-change-done = Tu dirección de acceso ahora es { $email }. Inicia sesión con ella.
email-change-taken = { $email } ya tiene una cuenta propia de Clientele, así que no puede ser la dirección de otra. No se cambió nada.
email-change-used-title = Este enlace ya se usó
email-change-used-text = Este enlace ya se usó o lo reemplazó uno más reciente.
email-change-expired-title = Este enlace caducó
email-change-expired-text = Los enlaces de un cambio de dirección funcionan durante 3 días. Pide a quienes administran tu cuenta que la cambien de nuevo.
email-change-unknown-text = Este enlace no es válido. Comprueba que lo copiaste entero.
email-change-approved = Enviamos un enlace a { $email }. Ábrelo desde ese buzón para terminar el cambio; mientras tanto, inicias sesión con tu dirección actual.
email-confirm-title = Confirma tu nueva dirección
email-confirm-intro = Confirma { $new } como la dirección con la que inicias sesión en Clientele. Se cerrará la sesión en todos los navegadores conectados a tu cuenta.
email-confirm-submit = Confirmar esta dirección
email-address-confirm-subject = Confirma tu nueva dirección de acceso a Clientele
email-address-confirm-body = Aprobaste esta dirección como la que usas para iniciar sesión en Clientele. Confírmala con el botón de abajo para terminar el cambio.
email-address-confirm-button = Confirmar esta dirección
email-address-confirm-ignore = Si no lo pediste, ignora este correo: no cambia nada.

## Personas, invitaciones

nav-staff = Equipo
portal-nav-users = Usuarios
staff-title = Equipo
people-title = Usuarios
people-col-name = Nombre
people-col-email = Correo
people-col-role = Rol
people-col-since = Miembro desde
people-col-actions = Acciones
people-col-sent = Enviada
people-col-expires = Caduca
people-col-state = Estado
people-not-activated = aún sin activar
people-change = Cambiar
people-change-named = Cambiar { $name }
people-sign-in = Inicio de sesión
people-save = Guardar cambios
people-remove = Quitar
people-remove-confirm = ¿Quitar a { $name } de { $account }? Sus otras cuentas no se ven afectadas.
people-remove-button = Quitar acceso
people-transfer = Transferir la propiedad
people-transfer-confirm = ¿Hacer a { $name } propietario de { $account }? Tú pasarás a ser administrador.
people-transfer-button = Transferir la propiedad
people-permissions = Permisos
people-permissions-admin-hint = Los administradores y el propietario tienen todos los permisos.
people-access-all = Todos los permisos
people-access-chosen = Solo estos:
people-invitations = Invitaciones
people-invitations-empty = Ninguna invitación pendiente ni sin aceptar en los últimos 30 días; las aceptadas aparecen arriba, como personas.
people-invite = Invitar a alguien
people-invite-button = Enviar invitación
people-invite-not-in-support = Durante el acceso de soporte no se envían invitaciones: nada de lo que se hace con la sesión de un usuario del cliente puede dar acceso a nadie. Invitan los propios usuarios del cliente.
people-resend = Reenviar
people-revoke = Revocar
permission-account = Datos y dirección
permission-services = Servicios
permission-users = Usuarios
permission-billing = Correos de facturación
permission-none = ningún permiso
invitation-state-pending = Pendiente
invitation-state-accepted = Aceptada
invitation-state-declined = Rechazada
invitation-state-revoked = Revocada
invitation-state-expired = Caducada
invitation-sent = Invitación enviada a { $email }.
invitation-resent = Se envió un nuevo enlace de invitación a { $email }; el enlace anterior ya no funciona.
invitation-revoked = Se revocó la invitación de { $email }.
invitation-resend-wait = Esta invitación se envió hace menos de un minuto. Espera un momento antes de enviarla de nuevo.
invitation-closed-flash = Esta invitación ya no está abierta.
person-changed = Se guardaron el rol y los permisos de { $name }.
person-role-changed = Se guardó el rol de { $name }.
person-removed = { $name } ya no tiene acceso.
people-locked =
    { $minutes ->
        [one] bloqueado 1 minuto más
       *[other] bloqueado { $minutes-text } minutos más
    }
people-unlock = Desbloquear el acceso
person-unlocked = { $name } ya puede intentar iniciar sesión. Sus fallos anteriores siguen contando: la próxima contraseña incorrecta lo bloquea por más tiempo.
unlock-elsewhere = Esa persona también pertenece a otras cuentas, que el bloqueo también protege: no se puede levantar desde aquí. Se levanta solo pasado el tiempo indicado.
ownership-transferred = { $name } es ahora el propietario. Tú eres administrador.
ownership-to-admin = La propiedad solo puede pasar a un administrador. Hazlo administrador primero.
error-choose-role = Elige uno de los roles ofrecidos.
error-permissions-beyond-yours = Solo puedes dar permisos que tú mismo tienes.
error-invite-member = Esta persona ya es miembro de esta cuenta.
error-invite-pending = Esta dirección ya tiene una invitación abierta. Reenvíala desde la lista de abajo.
error-email-taken = Otro usuario tiene esta dirección de correo.
accounts-invitations = Invitaciones para ti
access-lost = Ya no tienes acceso a { $account }: te quitaron de ella o se eliminó. Estas son las cuentas que tienes.
header-invitations = Invitaciones
header-invitations-waiting = esperan tu respuesta
invitation-expires-on = caduca el { $date }
invitation-invited-by = Invitación de { $name }
invitation-permissions = Con ella podrás usar:
invitation-title = Invitación
invitation-heading = Unirte a { $account }
invitation-intro = Esta invitación se envió a { $email }, con el rol { $role }.
invitation-accept = Aceptar
invitation-decline = Rechazar
invitation-accept-new = Aceptar y crear mi cuenta
invitation-other-user = Iniciaste sesión como { $signed_in }, pero esta invitación es para { $email }. Cierra la sesión, abre de nuevo el enlace e inicia sesión con esa dirección.
invitation-sign-in-first = Ya tienes una cuenta de Clientele con esta dirección. Inicia sesión para aceptar la invitación.
invitation-sign-in = Iniciar sesión para aceptar
invitation-new-user = Elige tu nombre y una contraseña para aceptar.
invitation-confirm-user = Revisa tu nombre y confirma: iniciarás sesión con la contraseña que te dio la empresa que administra tu cuenta.
invitation-confirm-submit = Confirmar e iniciar sesión
invitation-joined = Te damos la bienvenida a { $account }.
invitation-declined-flash = Rechazaste la invitación a { $account }.
invitation-accepted-title = Invitación ya aceptada
invitation-accepted-text = Esta invitación ya fue aceptada. Inicia sesión para abrir la cuenta.
invitation-declined-title = Invitación rechazada
invitation-declined-text = Esta invitación fue rechazada. Si fue un error, pide a quien te invitó que envíe una nueva.
invitation-revoked-title = Invitación retirada
invitation-revoked-text = Esta invitación fue retirada. Habla con quien te invitó si aún necesitas acceso.
invitation-expired-title = Invitación caducada
invitation-expired-text = Este enlace de invitación caducó. Pide a quien te invitó que la envíe de nuevo.
invitation-unknown-text = Este enlace de invitación no es válido. Si recibiste un correo de invitación más reciente, usa su enlace.

## Acceso de soporte (suplantación)
impersonation-log-in = Entrar
impersonation-section = Acceso de soporte
impersonation-section-hint = Entra como el propietario de este cliente (o, si no lo tiene, su administrador más antiguo) para ver y hacer lo que él hace. Cada acción queda registrada con tu nombre; termina al volver a la consola, tras 30 minutos sin actividad o tras 4 horas.
impersonation-reason = Motivo (opcional)
impersonation-reason-hint = Se muestra al propietario y a los administradores del cliente en Acceso de soporte. Hasta 500 caracteres.
impersonation-log-in-admin = Entrar como el usuario administrador del cliente
impersonation-returned = Has vuelto a la consola. Tu sesión como { $name } para { $client } ha terminado.
impersonation-ended-flash = Tu sesión como { $name } para { $client } ha terminado: { $why }.
impersonation-ended-exit = volviste a la consola
impersonation-ended-sign_out = cerraste la sesión
impersonation-ended-idle = 30 minutos sin actividad
impersonation-ended-lifetime = se alcanzó el límite de 4 horas
impersonation-ended-rights_revoked = se retiró tu acceso al grupo
impersonation-ended-client_closed = el cliente fue desactivado o eliminado
impersonation-ended-target_gone = el usuario ya no es propietario ni administrador del cliente
impersonation-end-exit = volvió a la consola
impersonation-end-sign_out = cerró la sesión
impersonation-end-idle = 30 minutos sin actividad
impersonation-end-lifetime = se alcanzó el límite de 4 horas
impersonation-end-rights_revoked = se retiró su acceso al grupo
impersonation-end-client_closed = el cliente fue desactivado o eliminado
impersonation-end-target_gone = el usuario ya no es propietario ni administrador del cliente
impersonation-refused-title = No mientras estás conectado como usuario de un cliente
impersonation-refused-text = Estás conectado como uno de los usuarios de un cliente. Su contraseña, dirección de correo, verificación en dos pasos, invitaciones, la propiedad de la cuenta, su eliminación y las cuentas nuevas le corresponden a esa persona, y desde aquí no puedes entrar como otro cliente. Vuelve primero a la consola.
impersonation-refused-deleted = Este cliente fue eliminado: nadie puede entrar como sus usuarios.
impersonation-refused-disabled = Este cliente está desactivado: actívalo antes de entrar como sus usuarios.
impersonation-refused-no-user = Este cliente aún no tiene propietario ni administrador que pueda entrar (puede haber una invitación pendiente).
impersonation-refused-self = Tú mismo eres propietario o administrador de este cliente: abre su área de cliente desde tus cuentas.
impersonation-profile-read-only = Este es el perfil de la persona como la que estás conectado. Su nombre, idioma, contraseña y acceso le corresponden: aquí no se puede cambiar nada en su nombre.
login-signed-out-support = Has cerrado la sesión, y tu sesión como usuario de un cliente también ha terminado.
clients-col-actions = Acciones
clients-open-id = Abrir el cliente { $id }
clients-edit = Editar
client-tab-history = Historial
nav-activity = Actividad
portal-nav-support = Acceso de soporte

## Registros de auditoría
history-title = Historial · { $client }
activity-title = Actividad
activity-filter-client = Cliente
activity-filter-person = Persona
activity-filter-person-placeholder = Nombre o correo
activity-filter-action = Acción
activity-filter-all-actions = Todas las acciones
activity-filter-from = Desde
activity-filter-to = Hasta
activity-date-unreadable = No es una fecha (usa AAAA-MM-DD); se ignoró.
activity-no-match-title = Nada coincide con estos filtros
activity-no-match-text = Cambia o borra los filtros para ver más.
activity-empty-title = Aún no hay nada registrado
activity-empty-text = Aquí se registra cada cambio: quién lo hizo, cuándo y los campos cambiados.
activity-caption = Cambios registrados, del más reciente al más antiguo
activity-col-when = Cuándo
activity-col-who = Quién
activity-col-client = Cliente
activity-col-action = Acción
activity-col-changes = Cambios
activity-who-as = { $who } (como { $as })
activity-page = Página { $page-text }
audit-by-scheduler = Programador
audit-by-command-line = Línea de comandos
audit-field-status = Estado de { $service }
audit-field-visible = { $service } visible
audit-field-language = Idioma
audit-field-role = Rol
audit-field-owner = Propietario
audit-field-user = Usuario
audit-field-as-user = Conectado como
audit-field-reason = Motivo
audit-field-ended-by = Fin
audit-field-services-customised = Visibilidad propia de los servicios
audit-field-name = Nombre
audit-field-code = Código
audit-field-kind = Tipo
audit-action-client-created = Cliente añadido
audit-action-client-updated = Cliente editado
audit-action-client-services-visibility = Visibilidad de servicios cambiada
audit-action-service-status-changed = Estado de servicio cambiado
audit-action-service-added = Servicio añadido al catálogo
audit-action-owner-changed = Propietario cambiado
audit-action-owner-invited = Nuevo propietario invitado
audit-action-owner-activated = El propietario activó la cuenta
audit-action-owner-activation-resent = Enlace de activación reenviado
audit-action-owner-activation-expired = La activación del propietario caducó
audit-action-owner-activation-reminded = Recordatorio enviado al propietario
audit-action-invitation-sent = Invitación enviada
audit-action-invitation-resent = Invitación reenviada
audit-action-invitation-revoked = Invitación revocada
audit-action-invitation-accepted = Invitación aceptada
audit-action-invitation-declined = Invitación rechazada
audit-action-invitation-expired = Invitación caducada
audit-action-member-changed = Rol o permisos del usuario cambiados
audit-action-member-removed = Usuario eliminado
audit-action-ownership-transferred = Propiedad transferida
audit-action-user-changed = Usuario editado
audit-action-user-email-change-requested = Cambio de correo solicitado
audit-action-user-email-change-approved = Cambio de correo aprobado
audit-action-user-email-changed = Correo cambiado
audit-action-user-password-changed = Contraseña cambiada
audit-action-user-password-reset = Contraseña restablecida
audit-action-user-profile-changed = Perfil editado
audit-action-user-signed-out-everywhere = Sesión cerrada en todas partes
audit-action-user-unlocked = Acceso desbloqueado
audit-action-group-created = Grupo creado
audit-action-group-settings-updated = Ajustes del proveedor cambiados
audit-action-email-retried = Correo reintentado
audit-action-impersonation-started = Acceso de soporte iniciado
audit-action-impersonation-ended = Acceso de soporte terminado
audit-action-impersonation-refused = Rechazado durante el acceso de soporte

## Lista de acceso de soporte (área del cliente)
support-title = Acceso de soporte
support-intro = Cuando alguien del equipo de tu proveedor entra como uno de tus usuarios para ayudarte, aparece aquí: quién, cuándo, cuánto tiempo y por qué. Todo lo que hace también queda registrado con su nombre.
support-empty-title = Nadie ha usado el acceso de soporte
support-empty-text = Cuando el equipo de tu proveedor entre como uno de tus usuarios, aparecerá aquí.
support-col-who = Quién
support-col-when = Cuándo
support-col-duration = Duración
support-col-reason = Motivo
support-as = conectado como { $name }
support-no-reason = sin motivo indicado
support-ongoing = en curso
support-minutes =
    { $minutes ->
        [0] menos de un minuto
        [one] 1 minuto
       *[other] { $minutes-text } minutos
    }

## Eliminación
email-deletion-requested-subject = { $client } pidió eliminar su cuenta
email-deletion-requested-body = El propietario de { $client } pidió eliminar la cuenta de cliente. Sus servicios se detuvieron de inmediato.
email-deletion-requested-due = Se eliminará el { $date } salvo que canceles la solicitud antes.
email-deletion-requested-button = Abrir la solicitud
email-deletion-cancelled-subject = Se canceló la eliminación de { $client }
email-deletion-cancelled-body = { $group } canceló la solicitud de eliminar la cuenta { $client }. Sus servicios vuelven a estar como antes.
email-client-deleted-subject = La cuenta { $client } fue eliminada
email-client-deleted-body = La cuenta de cliente { $client } en { $group } fue eliminada. Sus usuarios ya no pueden abrirla.
emails-kind-deletion = Eliminación de cuenta
portal-nav-deletion = Eliminar cuenta
deletion-portal-title = Eliminar cuenta
deletion-scheduled =
    Eliminación programada para el { $date } ({ $days ->
        [0] último día
        [one] queda 1 día
       *[other] quedan { $days-text } días
    }).
deletion-scheduled-help = Sus servicios están detenidos. La empresa que gestiona tu cuenta aún puede cancelar la solicitud.
deletion-what-happens = Qué ocurre
deletion-what-happens-text = Todos los servicios de la cuenta se detienen de inmediato. La empresa que gestiona tu cuenta tiene 10 días para cancelar la solicitud; después, la cuenta se elimina y sus usuarios ya no pueden abrirla.
deletion-nothing-running = Ningún servicio está en marcha: nada se detiene ahora.
deletion-services-stop = Estos servicios se detienen ahora:
deletion-not-on-behalf = Solo el propietario de la cuenta puede pedir su eliminación, conectado como él mismo.
deletion-confirm-label = Entiendo que los servicios se detienen ahora y que la cuenta se elimina en 10 días.
deletion-confirm-tick = Marca la casilla para confirmar.
deletion-request-button = Pedir la eliminación de esta cuenta
deletion-already-open = Ya hay una solicitud de eliminación abierta para esta cuenta.
deletion-tab-title = Eliminar cliente · { $client }
client-tab-deletion = Eliminar cliente
deletion-client-deleted = Este cliente fue eliminado el { $date }. Su registro e historial se conservan, solo lectura.
deletion-open-heading = Eliminación solicitada
deletion-requested-by = Solicitada por
deletion-requested-on = Solicitada el
deletion-due-on = Fecha de eliminación
deletion-days-left =
    { $days ->
        [0] último día
        [one] queda 1 día
       *[other] quedan { $days-text } días
    }
deletion-note = Nota
deletion-note-hint = Por qué se cancela la solicitud; queda en el historial de abajo.
deletion-cancel-button = Cancelar la solicitud de eliminación
deletion-delete-heading = Eliminar cuenta
deletion-delete-text = Eliminar la cuenta es definitivo: sus usuarios pierden el acceso (sus otras cuentas siguen), sus servicios quedan marcados como eliminados y sus invitaciones pendientes se revocan. El registro y su historial se conservan.
deletion-goes-users = Usuarios que pierden el acceso
deletion-goes-services = Servicios
deletion-goes-invitations = Invitaciones pendientes
deletion-goes-none = Ninguno.
deletion-type-name = Escribe el nombre de la cuenta ({ $client }) para confirmar
deletion-delete-button = Eliminar cuenta
deletion-history-heading = Solicitudes de eliminación
deletion-history-empty = Nunca se solicitó una eliminación.
deletion-col-requested = Solicitada
deletion-col-outcome = Resultado
deletion-col-note = Nota
deletion-outcome-open = Abierta
deletion-outcome-cancelled = Cancelada
deletion-outcome-deleted = Eliminada
deletion-outcome-deleted-by-staff = Eliminada por el equipo sin solicitud
deletion-someone = alguien
deletion-note-required = Escribe por qué se cancela la solicitud.
deletion-note-too-long = Como máximo 1.000 caracteres.
deletion-confirm-wrong = Escribe el nombre de la cuenta tal como se muestra.
deletion-cancelled-flash = Solicitud de eliminación cancelada. Los servicios vuelven a estar como antes.
deletion-none-open = No hay ninguna solicitud de eliminación abierta.
deletion-deleted-flash = { $client } fue eliminado.
deletion-already-deleted = Este cliente ya fue eliminado.
deletion-read-only = Este cliente fue eliminado: su registro se conserva, solo lectura.
audit-action-deletion-requested = Eliminación solicitada
audit-action-deletion-cancelled = Solicitud de eliminación cancelada
audit-action-client-deleted = Cliente eliminado
audit-field-due = Fecha de eliminación
audit-field-note = Nota
audit-field-users = Usuarios
audit-field-invitations = Invitaciones
audit-field-attempt = Intento
audit-field-client-status = Estado
clients-filter-deletion = Eliminación
clients-filter-deletion-any = Eliminación: todas
clients-filter-deletion-requested = Eliminación solicitada

## Verificación en dos pasos (perfil, inicio de sesión, equipo, ajustes)
profile-two-step = Verificación en dos pasos
profile-two-step-on = Activada: al iniciar sesión se pide un código de tu aplicación de autenticación después de la contraseña.
profile-two-step-off = Desactivada: al iniciar sesión solo se pide tu contraseña.
profile-two-step-manage = Gestionar la verificación en dos pasos
two-step-title = Verificación en dos pasos
two-step-intro = Con la verificación en dos pasos, al iniciar sesión se pide tu contraseña y luego un código de 6 dígitos de una aplicación de autenticación en tu móvil (como Google Authenticator, Microsoft Authenticator, 1Password o Aegis). Quien averigüe tu contraseña no podrá entrar igualmente.
two-step-off-heading = La verificación en dos pasos está desactivada
two-step-set-up = Configurar la verificación en dos pasos
two-step-enrol-heading = Configurar la verificación en dos pasos
two-step-enrol-scan = Abre tu aplicación de autenticación y escanea este código QR.
two-step-qr-alt = Código QR para escanear con una aplicación de autenticación
two-step-enrol-type = ¿No puedes escanearlo? Escribe esta clave en la aplicación:
two-step-enrol-confirm = Escribe el código de 6 dígitos que muestra ahora la aplicación, para confirmarlo.
two-step-code = Código de la aplicación
two-step-confirm = Activar la verificación en dos pasos
two-step-code-wrong = Ese código no es correcto. Escribe el código de 6 dígitos que muestra ahora la aplicación (cambian cada 30 segundos).
two-step-start-again = La configuración caducó. Vuelve a empezar.
two-step-enabled = La verificación en dos pasos está activada.
two-step-codes-heading = Tus códigos de recuperación
two-step-codes-intro = Si pierdes el móvil, cada uno de estos códigos te permite entrar una vez en lugar del código de la aplicación. Imprímelos o guárdalos en tu gestor de contraseñas.
two-step-codes-once = Solo se muestran ahora. Puedes crear otros cuando quieras; los anteriores dejan entonces de valer.
two-step-on-heading = La verificación en dos pasos está activada
two-step-on-since = Activada desde { $date }.
two-step-codes-left =
    { $count ->
        [one] Queda 1 código de recuperación.
       *[other] Quedan { $count-text } códigos de recuperación.
    }
two-step-renew-codes = Crear nuevos códigos de recuperación
two-step-codes-renewed = Se crearon nuevos códigos de recuperación; los anteriores ya no valen.
two-step-turn-off = Desactivar la verificación en dos pasos
two-step-disabled = La verificación en dos pasos está desactivada.
two-step-required-by = La exige { $groups }: no se puede desactivar mientras formes parte de su equipo.
two-step-required-keep = Un grupo de cuyo equipo formas parte exige la verificación en dos pasos: no se puede desactivar.
two-step-required-owner-first = Activa primero la verificación en dos pasos para ti (en tu perfil): si no, esto te dejaría fuera de esta consola.
two-step-required-flash = { $group } exige la verificación en dos pasos a su equipo. Configúrala para abrir su consola.
two-step-reset-done = Se restableció la verificación en dos pasos de { $name }: entra con su contraseña y la configura de nuevo.
two-step-reset-off = Esa persona no usa la verificación en dos pasos.
login-two-step-intro = Escribe el código de 6 dígitos de tu aplicación de autenticación.
login-two-step-code = Código
login-two-step-hint = ¿Perdiste el móvil? Escribe uno de tus códigos de recuperación.
login-two-step-submit = Verificar
login-two-step-restart = Volver a empezar
login-two-step-expired = Tardaste demasiado. Escribe de nuevo tu correo y tu contraseña.
login-two-step-enter = Escribe el código de la aplicación o un código de recuperación.
login-two-step-wrong = Ese código no es correcto o ya se usó. Escribe el código que muestra ahora la aplicación o un código de recuperación.
settings-security-legend = Seguridad
settings-two-step-required = Exigir la verificación en dos pasos al equipo
settings-two-step-hint = Quien del equipo no la tenga deberá configurarla antes de abrir esta consola.
settings-two-step-owner-only = Solo el propietario del grupo puede cambiar esto.
settings-two-step-save = Guardar el ajuste de seguridad
people-two-step = Dos pasos
people-two-step-reset = Restablecer la verificación en dos pasos
audit-action-user-two-step-enabled = Verificación en dos pasos activada
audit-action-user-two-step-disabled = Verificación en dos pasos desactivada
audit-action-user-recovery-codes-renewed = Nuevos códigos de recuperación creados
audit-action-user-recovery-code-used = Inicio de sesión con código de recuperación
audit-action-user-two-step-reset = Verificación en dos pasos restablecida
audit-action-group-two-step-required-changed = Cambió la exigencia de verificación en dos pasos
two-step-reset-elsewhere = Esa persona también pertenece a otras cuentas, que su verificación en dos pasos también protege: no se puede restablecer desde aquí. El operador de esta consola puede restablecerla (clientele reset-two-step).

## Saved views and columns of the client list (issue 17)

clients-col-id = ID
clients-col-custom-id = Nombre en tu sistema
clients-col-unique-identifier = Identificador único
clients-col-country = País
clients-col-city = Ciudad
views-label = Vistas
views-default-mark = predeterminada
views-all-clients = Todos los clientes
views-my-clients = Mis clientes
views-save-title = Guardar vista
views-name = Nombre de la vista
views-make-default = Abrir la lista de clientes con esta vista
views-save-hint = Guarda el orden, los filtros y las columnas que se muestran ahora. Una vista con el mismo nombre se reemplaza.
views-save = Guardar vista
views-columns-title = Columnas
views-columns-legend = Mostrar estas columnas
views-columns-hint = Tu elección, en todos los grupos; la exportación CSV tiene las mismas columnas.
views-columns-save = Mostrar columnas
views-manage-title = Gestionar vistas
views-default-label = Abrir la lista de clientes con
views-default-none = Todos los clientes (ninguna vista guardada)
views-default-none-seller = Mis clientes (ninguna vista guardada)
views-default-save = Guardar predeterminada
views-delete = Eliminar
views-delete-named = Eliminar la vista { $name }
views-columns-saved = Columnas guardadas.
views-saved = Vista { $name } guardada.
views-replaced = Vista { $name } reemplazada por esta lista.
views-default-set = La lista de clientes ahora abre con { $name }.
views-default-cleared = La lista de clientes vuelve a abrir sin vista guardada.
views-deleted = Vista { $name } eliminada.
error-enter-view-name = Escribe un nombre para la vista.
error-too-many-views = Tienes { $max-text } vistas, el máximo posible: elimina una primero.

## Bulk actions on the client list (issue 17)

bulk-label = Acción masiva sobre los clientes marcados
bulk-action = Con los clientes marcados
bulk-choose = Elige una acción…
bulk-action-disable = Desactivar
bulk-action-enable = Activar
bulk-action-seller = Asignar un vendedor
bulk-action-test = Marcar como cuentas de prueba
bulk-action-not-test = Desmarcar como cuentas de prueba
bulk-action-export = Exportar a CSV
bulk-seller = Vendedor (a asignar)
bulk-all-matching =
    { $count ->
        [one] O el 1 cliente que cumple los filtros
       *[other] O todos los { $count-text } clientes que cumplen los filtros
    }
bulk-all-matching-more = O todos los clientes que cumplen los filtros (más de { $count-text })
bulk-continue = Continuar
bulk-select-column = Seleccionar
bulk-select-named = Seleccionar { $name }
bulk-choose-action = Elige qué hacer con los clientes marcados.
bulk-choose-clients = Marca los clientes a cambiar, o elige todos los clientes que cumplen los filtros.
bulk-confirm-heading = Confirmar la acción masiva
bulk-do-disable =
    { $count ->
        [one] Desactivar 1 cliente
       *[other] Desactivar { $count-text } clientes
    }
bulk-do-enable =
    { $count ->
        [one] Activar 1 cliente
       *[other] Activar { $count-text } clientes
    }
bulk-do-seller =
    { $count ->
        [one] Hacer a { $seller } vendedor de 1 cliente
       *[other] Hacer a { $seller } vendedor de { $count-text } clientes
    }
bulk-do-no-seller =
    { $count ->
        [one] Quitar el vendedor de 1 cliente
       *[other] Quitar el vendedor de { $count-text } clientes
    }
bulk-do-test =
    { $count ->
        [one] Marcar 1 cliente como cuenta de prueba
       *[other] Marcar { $count-text } clientes como cuentas de prueba
    }
bulk-do-not-test =
    { $count ->
        [one] Desmarcar 1 cuenta de prueba
       *[other] Desmarcar { $count-text } cuentas de prueba
    }
bulk-will-change =
    { $count ->
        [one] 1 cliente va a cambiar:
       *[other] { $count-text } clientes van a cambiar:
    }
bulk-unchanged =
    { $count ->
        [one] 1 otro seleccionado ya está así (o fue eliminado) y queda como está.
       *[other] { $count-text } otros seleccionados ya están así (o fueron eliminados) y quedan como están.
    }
bulk-and-more =
    { $count ->
        [one] y 1 más
       *[other] y { $count-text } más
    }
bulk-audit-note = El historial de cada cliente registra el cambio.
bulk-nothing =
    { $count ->
        [one] Nada que cambiar: el cliente seleccionado ya está así (o fue eliminado).
       *[other] Nada que cambiar: los { $count-text } clientes seleccionados ya están así (o fueron eliminados).
    }
bulk-too-many = Más de { $max-text } clientes cumplen: una acción masiva cambia como mucho { $max-text }. Restringe los filtros y vuelve a intentarlo.
bulk-list-changed = La lista cambió desde que la miraste: esto es lo que la acción haría ahora. No se cambió nada.
bulk-client-refused = { $client } no se puede guardar tal como está (un campo ya no pasa las comprobaciones): abre su pestaña Editar cliente y corrígelo, o déjalo fuera. No se cambió nada.
bulk-back = Volver a los clientes
bulk-cancel = Cancelar
bulk-done-disable =
    { $count ->
        [one] 1 cliente desactivado.
       *[other] { $count-text } clientes desactivados.
    }
bulk-done-enable =
    { $count ->
        [one] 1 cliente activado.
       *[other] { $count-text } clientes activados.
    }
bulk-done-seller =
    { $count ->
        [one] Vendedor de 1 cliente cambiado.
       *[other] Vendedor de { $count-text } clientes cambiado.
    }
bulk-done-test =
    { $count ->
        [one] 1 cliente marcado como cuenta de prueba.
       *[other] { $count-text } clientes marcados como cuentas de prueba.
    }
bulk-done-not-test =
    { $count ->
        [one] 1 cliente desmarcado como cuenta de prueba.
       *[other] { $count-text } clientes desmarcados como cuentas de prueba.
    }

## Personal API tokens (issue 17)

profile-tokens = Tokens de API
profile-tokens-intro = Tokens personales para la API de solo lectura (/api/v1, descrita en /api/v1/openapi.json): un script envía uno como Authorization: Bearer … y ve lo que tú ves. Revoca un token que ya no uses.
profile-token-copy-now = Copia tu nuevo token ahora: solo se muestra esta vez.
profile-token-name = Nombre del token
profile-token-created = Creado
profile-token-last-used = Último uso
profile-token-never = nunca
profile-token-revoked-on = revocado el { $date }
profile-token-revoke = Revocar
profile-token-revoke-named = Revocar el token { $name }
profile-token-make = Crear un token
profile-token-made = Token { $name } creado.
profile-token-revoked = Token revocado: ya no abre nada.
error-enter-token-name = Ponle un nombre al token (lo que lo usa).
error-too-many-tokens = Tienes { $max-text } tokens, el máximo posible: revoca uno primero.

# The operators' status page (issue 18)
nav-system = Estado del sistema
system-title = Estado del sistema
system-page-title = Estado del sistema · { $group }
system-intro = Cómo está esta instalación: para quienes la operan. Los recuentos y las horas se leen ahora; los datos de correo son de esta instancia desde que arrancó.
system-section-server = Servidor
system-version = Versión
system-uptime = En marcha desde hace
system-uptime-value = { $days } d { $hours } h { $minutes } min
system-section-database = Base de datos
system-database-kind = Tipo
system-database-size = Tamaño
system-migrations = Migraciones aplicadas
system-migrations-pending = { $count } pendientes (se aplican en el próximo arranque)
system-section-mail = Correo
system-outbox = Esperando envío
system-outbox-oldest = el más antiguo pendiente desde { $when }
system-outbox-none-due = ninguno pendiente
system-transport = Enviado mediante
system-mail-last-error = Último error de entrega
system-mail-no-error = Ninguno desde que arrancó esta instancia
system-section-jobs = Tareas programadas
system-jobs-caption = La última ejecución de cada tarea programada, en cualquier instancia
system-col-job = Tarea
system-col-last-run = Última ejecución
system-col-result = Resultado
system-job-never = Aún no se ha ejecutado
system-job-ok = OK · { $rows } cambiados
system-job-failed = Falló
job-sessions = Sesiones caducadas eliminadas
job-setup-links = Enlaces de configuración caducados eliminados
job-sign-in-failures = Intentos de acceso antiguos eliminados
job-reset-links = Enlaces antiguos de restablecimiento de contraseña eliminados
job-email-change-links = Enlaces antiguos de cambio de correo eliminados
job-support-access = Accesos de soporte finalizados
job-pending-owners = Propietarios eliminados por no activar
job-owner-reminders = Propietarios avisados el día 11 de 14
job-invitations = Invitaciones caducadas
job-deletions = Clientes eliminados tras sus 10 días
